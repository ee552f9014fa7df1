package io.junction.server;

import com.codahale.metrics.MetricRegistry;
import io.junction.core.check.ConfigException;
import io.junction.core.check.ConfigProblem;
import io.junction.core.model.Config;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.pool.BackendStates;
import io.junction.server.config.JunctionSettings;
import io.junction.server.http.HttpListeners;
import io.junction.server.logging.AccessLog;
import io.junction.server.logging.AccessLogs;
import io.junction.server.logging.QueuedAccessLog;
import io.junction.server.metrics.BackendMetrics;
import io.junction.server.metrics.MetricNames;
import io.junction.server.plugins.PluginFolders;
import io.junction.server.plugins.PluginProblem;
import io.junction.server.plugins.PluginSet;
import io.junction.server.proxy.BackendConnections;
import io.junction.server.proxy.Deadlines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The balancer: plugins, routing scripts and listeners, and reload. A reload compiles and builds a
 * whole new generation beside the running one and swaps it in; any failure leaves the running one
 * serving. Reloads are serialised; requests never wait for them.
 */
public final class JunctionServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JunctionServer.class);

    private final Path confDir;
    private final PluginFolders pluginFolders;
    private final JunctionSettings settings;
    private final String bindOverride;
    private final MetricRegistry metrics;
    private final BackendMetrics backendMetrics;
    private final BackendStates backendStates;
    private final BackendConnections connections;
    private final Deadlines deadlines = new Deadlines();
    private final ScheduledExecutorService retirer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "junction-retire");
        thread.setDaemon(true);
        return thread;
    });
    private XnioWorker worker;
    private HttpListeners listeners;
    private AccessLog accessLog = AccessLog.OFF;
    private volatile Generation current;
    /** Replaced whole after every start and reload, so the admin API reads one consistent picture. */
    private volatile Status status;

    private JunctionServer(Builder builder) {
        this.settings = Objects.requireNonNull(builder.settings, "settings");
        this.bindOverride = builder.bindOverride;
        this.confDir = builder.confDir != null ? builder.confDir : settings.confDir();
        this.pluginFolders = new PluginFolders(
                builder.builtinPluginsDir != null ? builder.builtinPluginsDir : settings.builtinPluginsDir(),
                builder.pluginsDir != null ? builder.pluginsDir : settings.pluginsDir());
        this.metrics = builder.metrics;
        this.backendMetrics = new BackendMetrics(metrics);
        this.backendStates = new BackendStates(backendMetrics::forget);
        this.connections = new BackendConnections(settings.upstream().maxConnectionsPerThread(),
                settings.upstream().idleTimeout());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads plugins and scripts and binds the listeners. Fails closed: an invalid configuration
     * throws and nothing is served.
     */
    public synchronized ReloadResult start() throws ConfigException, IOException {
        if (worker != null) {
            throw new IllegalStateException("already started");
        }
        int ioThreads = settings.ioThreads();
        worker = Xnio.getInstance(io.undertow.Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors())
                .set(Options.WORKER_TASK_CORE_THREADS, 2)
                .set(Options.WORKER_TASK_MAX_THREADS, 8)
                .set(Options.TCP_NODELAY, true)
                .getMap());
        listeners = new HttpListeners(worker, settings.http(), bindOverride, metrics);
        accessLog = openAccessLog();
        PluginSet plugins = PluginSet.load(pluginFolders);
        try {
            Generation first = Generation.build(1, ConfigCheck.compile(confDir, plugins), plugins, parts());
            listeners.apply(first.config().listeners(HttpListenerSpec.class), first::handler);
            current = first;
        } catch (ConfigException | RuntimeException e) {
            plugins.close();
            close();
            throw e;
        }
        log.info("generation 1 serving: {}", summary(current.config()));
        return recorded(new ReloadResult(true, 1, List.of(), warnings(plugins)), Instant.now());
    }

    /**
     * Rescans plugins (only when the folder changed), recompiles conf.d, validates, builds and swaps.
     * On any error the running generation keeps serving and the errors are returned and logged as
     * {@code file:line:column: message}.
     */
    public synchronized ReloadResult reload() {
        Instant startedAt = Instant.now();
        return recorded(reloadNow(), startedAt);
    }

    private ReloadResult reloadNow() {
        Generation running = Objects.requireNonNull(current, "not started");
        PluginSet plugins = running.plugins();
        boolean newPlugins = false;
        try {
            if (!pluginFolders.fingerprint().equals(plugins.fingerprint())) {
                plugins = PluginSet.load(pluginFolders);
                newPlugins = true;
            }
        } catch (RuntimeException e) {
            return failed(running, List.of("plugins " + pluginFolders + ": " + e.getMessage()), plugins);
        }
        Generation next;
        try {
            next = Generation.build(running.number() + 1, ConfigCheck.compile(confDir, plugins), plugins, parts());
            listeners.apply(next.config().listeners(HttpListenerSpec.class), next::handler);
            current = next;
            swapped(running, next, newPlugins);
        } catch (ConfigException e) {
            return notSwapped(running, plugins, newPlugins, e.problems().stream().map(ConfigProblem::toString).toList());
        } catch (RuntimeException e) {
            return notSwapped(running, plugins, newPlugins, List.of(String.valueOf(e.getMessage())));
        }
        metrics.counter(MetricNames.reloads(true)).inc();
        log.info("generation {} serving: {}", next.number(), summary(next.config()));
        return new ReloadResult(true, next.number(), List.of(), warnings(plugins));
    }

    /**
     * What follows a swap: plain bookkeeping that cannot fail (the settings it uses were validated at start),
     * because once the new generation serves the reload has succeeded.
     */
    private void swapped(Generation running, Generation next, boolean newPlugins) {
        connections.retainOnly(next.backendIds());
        backendStates.retainOnly(next.backendIds());
        if (newPlugins) {
            // old plugins stay loaded while requests of the replaced generation may still use them
            retirer.schedule(running.plugins()::close, settings.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A reload that failed before its swap: the new plugins and the backends only it named are let go. */
    private ReloadResult notSwapped(Generation running, PluginSet plugins, boolean newPlugins, List<String> errors) {
        if (newPlugins) {
            plugins.close();
        }
        backendStates.retainOnly(running.backendIds());
        return failed(running, errors, plugins);
    }

    /**
     * What the admin API shows: the serving configuration, when and from where it was loaded, and the
     * result of the last start or reload (which may have failed and left this configuration serving).
     */
    public record Status(long generation, Config config, Path confDir, Instant loadedAt, ReloadResult lastReload,
                         Instant lastReloadAt) {
    }

    /** The current {@link Status}; {@code null} before start. */
    public Status status() {
        return status;
    }

    private ReloadResult recorded(ReloadResult result, Instant at) {
        Status before = status;
        Instant loadedAt = result.succeeded() || before == null ? at : before.loadedAt();
        status = new Status(current.number(), current.config(), confDir, loadedAt, result, at);
        return result;
    }

    private AccessLog openAccessLog() {
        JunctionSettings.AccessLogSettings log = settings.accessLog();
        AccessLog opened = AccessLogs.open(log.format(), log.file(), log.queue());
        if (opened instanceof QueuedAccessLog queued) {
            metrics.gauge(MetricNames.accessLogDropped(), () -> queued::dropped);
        }
        return opened;
    }

    /** The port a listener is bound to; tests declare port 0 and ask here. */
    public int port(String listenerName) {
        return listeners.port(listenerName);
    }

    /** Where each listener is bound, by name, as the sockets report it. */
    public Map<String, InetSocketAddress> addresses() {
        return listeners.addresses();
    }

    public long generation() {
        return current == null ? 0 : current.number();
    }

    public MetricRegistry metrics() {
        return metrics;
    }

    @Override
    public synchronized void close() {
        if (listeners != null) {
            listeners.close();
        }
        connections.close();
        deadlines.close();
        accessLog.close();
        if (current != null) {
            current.plugins().close();
            current = null;
        }
        retirer.shutdownNow();
        if (worker != null) {
            worker.shutdown();
            try {
                worker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Generation.Parts parts() {
        return new Generation.Parts(settings, metrics, backendMetrics, backendStates, connections, deadlines, accessLog);
    }

    private ReloadResult failed(Generation running, List<String> errors, PluginSet plugins) {
        metrics.counter(MetricNames.reloads(false)).inc();
        log.error("reload failed, generation {} keeps serving:\n{}", running.number(), String.join("\n", errors));
        return new ReloadResult(false, running.number(), errors, warnings(plugins));
    }

    private static List<String> warnings(PluginSet plugins) {
        List<String> warnings = plugins.problems().stream().map(PluginProblem::toString).toList();
        warnings.forEach(w -> log.warn("{}", w));
        return warnings;
    }

    static String summary(Config config) {
        long backends = config.pools().values().stream().mapToLong(p -> p.backends().size()).sum();
        return config.listeners().size() + " listener(s), " + config.pools().size() + " pool(s), " + backends + " backend(s)";
    }

    /** Builder: settings are required; folders default to the settings' junction.conf.dir, junction.plugins.dir and junction.plugins.builtin-dir. */
    public static final class Builder {
        private Path confDir;
        private Path pluginsDir;
        private Path builtinPluginsDir;
        private JunctionSettings settings;
        private String bindOverride;
        private MetricRegistry metrics = new MetricRegistry();

        public Builder confDir(Path confDir) {
            this.confDir = confDir;
            return this;
        }

        /** The drop-in plugins folder, whose plugins add to the built-in ones. */
        public Builder pluginsDir(Path pluginsDir) {
            this.pluginsDir = pluginsDir;
            return this;
        }

        /** The built-in plugins folder, always loaded first. */
        public Builder builtinPluginsDir(Path builtinPluginsDir) {
            this.builtinPluginsDir = builtinPluginsDir;
            return this;
        }

        public Builder settings(JunctionSettings settings) {
            this.settings = settings;
            return this;
        }

        /** Binds every listener to this address whatever the scripts say ({@code junction demo}: loopback only). */
        public Builder bindOverride(String address) {
            this.bindOverride = address;
            return this;
        }

        public Builder metrics(MetricRegistry metrics) {
            this.metrics = metrics;
            return this;
        }

        public JunctionServer build() {
            return new JunctionServer(this);
        }
    }
}
