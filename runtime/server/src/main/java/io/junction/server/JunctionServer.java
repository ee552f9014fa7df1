package io.junction.server;

import com.codahale.metrics.MetricRegistry;
import io.junction.core.affinity.SessionSigner;
import io.junction.core.affinity.StoreFailures;
import io.junction.core.check.ConfigException;
import io.junction.core.check.ConfigProblem;
import io.junction.core.model.Config;
import io.junction.core.model.BackendMode;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.TcpListenerSpec;
import io.junction.core.model.UndertowOnly;
import io.junction.core.pool.BackendState;
import io.junction.core.pool.BackendStates;
import io.junction.dsl.RoutingScripts;
import io.junction.dsl.ScriptCache;
import io.junction.server.config.JunctionSettings;
import io.junction.server.engine.Engine;
import io.junction.server.engine.EngineListeners;
import io.junction.server.health.HealthChecks;
import io.junction.server.health.HealthPlan;
import io.junction.server.http.HttpListeners;
import io.junction.server.logging.AccessLog;
import io.junction.server.logging.AccessLogs;
import io.junction.server.logging.QueuedAccessLog;
import io.junction.server.metrics.BackendMetrics;
import io.junction.server.metrics.MetricNames;
import io.junction.server.plugins.PluginFolders;
import io.junction.server.plugins.PluginProblem;
import io.junction.server.plugins.PluginSet;
import io.junction.server.sessions.SessionStores;
import io.junction.server.sessions.StoreFailureLog;
import io.junction.server.proxy.BackendLinks;
import io.junction.server.proxy.Deadlines;
import io.junction.server.resolve.BackendAddresses;
import io.junction.server.resolve.HostResolver;
import io.junction.server.tcp.TcpListeners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The balancer: plugins, routing scripts and listeners, and reload. A reload compiles and builds a
 * whole new generation beside the running one and swaps it in; any failure leaves the running one
 * serving. Reloads are serialised; requests never wait for them.
 */
public final class JunctionServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JunctionServer.class);
    /** How often a graceful stop looks whether the requests in flight have finished. */
    private static final long DRAIN_POLL_MILLIS = 20;

    private final Path confDir;
    private final PluginFolders pluginFolders;
    private final JunctionSettings settings;
    private final String bindOverride;
    private final MetricRegistry metrics;
    private final BackendMetrics backendMetrics;
    private final BackendStates backendStates;
    private final BackendAddresses addresses;
    private final BackendLinks connections;
    private final Deadlines deadlines = new Deadlines();
    private final SessionStores sessionStores = new SessionStores();
    /** Made by the first pool with sticky sessions ({@link #signer()}). */
    private SessionSigner signer;
    private final ScriptCache scriptCache;
    private final StoreFailures storeFailures;
    private final HealthChecks healthChecks;
    private final ScheduledExecutorService retirer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "junction-retire");
        thread.setDaemon(true);
        return thread;
    });
    private XnioWorker worker;
    private HttpListeners listeners;
    /** Set when junction.http.engine is own: it serves the plain http listeners, {@link #listeners} the https ones. */
    private Engine engine;
    private EngineListeners engineListeners;
    private TcpListeners tcpListeners;
    private AccessLog accessLog = AccessLog.OFF;
    private volatile Generation current;
    /** Replaced whole after every start and reload, so the admin API reads one consistent picture. */
    private volatile Status status;
    private boolean closed;

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
        this.healthChecks = new HealthChecks(backendStates, metrics);
        this.addresses = new BackendAddresses(builder.hostResolver, settings.resolverRefresh(), metrics.counter(MetricNames.resolverFailures()));
        this.connections = new BackendLinks(settings.upstream().maxConnectionsPerThread(),
                settings.upstream().idleTimeout(), addresses);
        this.storeFailures = new StoreFailureLog(metrics);
        this.scriptCache = settings.scriptCacheDir() != null ? ScriptCache.in(settings.scriptCacheDir()) : ScriptCache.none();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads plugins and scripts and binds the listeners. Fails closed: an invalid configuration
     * throws and nothing is served.
     */
    public synchronized ReloadResult start() throws ConfigException {
        if (engine != null) {
            throw new IllegalStateException("already started");
        }
        LaunchTimes times = new LaunchTimes();
        // the plugins load on a thread of their own while the scripts compile here: the two longest steps of a launch
        CompletableFuture<PluginSet> loading = CompletableFuture.supplyAsync(() -> {
            long from = System.nanoTime();
            PluginSet loaded = PluginSet.load(pluginFolders);
            times.plugins(LaunchTimes.millisSince(from));
            return loaded;
        }, task -> new Thread(task, "junction-plugins").start());
        try {
            // https listeners and those with https backends are Undertow's on either engine: the own engine has no TLS yet
            listeners = new HttpListeners(this::worker, settings.http(), bindOverride, metrics);
            // the own engine's loops serve the tcp listeners whichever engine serves http
            engine = new Engine(settings.ioThreads(), engineSettings(), addresses);
            tcpListeners = new TcpListeners(engine, bindOverride, metrics, addresses, listeners.connections());
            if (settings.http().engine() == JunctionSettings.Engine.OWN) {
                engineListeners = new EngineListeners(engine, bindOverride, metrics, listeners.connections());
            }
            accessLog = openAccessLog();
            long from = System.nanoTime();
            Config compiled = RoutingScripts.compile(confDir, scriptCache);
            times.scripts(LaunchTimes.millisSince(from));
            PluginSet plugins = loaded(loading);
            Config config = resolved(ConfigCheck.validated(compiled, plugins));
            HealthPlan health = HealthPlan.of(config, plugins.catalog());
            Generation first = Generation.build(1, config, plugins, parts());
            // backends checked with initial: 'down' are down before the first request can arrive
            healthChecks.apply(health);
            from = System.nanoTime();
            applyListeners(first);
            times.listeners(LaunchTimes.millisSince(from));
            current = first;
            addresses.keepFresh(config);
        } catch (ConfigException | RuntimeException e) {
            // whatever failed, the plugins' class loaders are closed once they are loaded
            loading.thenAccept(PluginSet::close);
            close();
            throw e;
        }
        log.info("generation 1 serving: {}", summary(current.config()));
        log.info("started {}", times.describe());
        return recorded(new ReloadResult(true, 1, List.of(), warnings(current.plugins())), Instant.now());
    }

    /** The plugins the loading thread made, or what it threw. */
    private static PluginSet loaded(CompletableFuture<PluginSet> loading) {
        try {
            return loading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * The configuration, once its backends' host names were looked up. A name that never resolved is logged at its
     * backend and the backend counts as down (dns_error) until it resolves, as HAProxy's {@code init-addr none} does:
     * the specs and operators rely on a pool serving with one bad name.
     */
    private Config resolved(Config config) {
        addresses.lookUp(config).forEach(problem -> log.warn("{}; it counts as down until it resolves", problem));
        return config;
    }

    /**
     * XNIO serves Undertow's http listeners: all of them when the engine is Undertow's, else the https ones. Started
     * by the first such listener, not before: a start without one binds its listeners without it, and XNIO's
     * registration with the JVM's MBean server (which builds that server) is far from free (docs/performance.md, launch).
     */
    private synchronized XnioWorker worker() {
        if (worker == null) {
            int ioThreads = settings.ioThreads();
            try {
                worker = Xnio.getInstance(io.undertow.Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                        .set(Options.WORKER_IO_THREADS, ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors())
                        .set(Options.WORKER_TASK_CORE_THREADS, 2)
                        .set(Options.WORKER_TASK_MAX_THREADS, 8)
                        .set(Options.TCP_NODELAY, true)
                        .getMap());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start XNIO's worker: " + e.getMessage(), e);
            }
        }
        return worker;
    }

    private Engine.Settings engineSettings() {
        JunctionSettings.Http http = settings.http();
        return new Engine.Settings(settings.upstream().maxConnectionsPerThread(), settings.upstream().idleTimeout().toMillis(),
                http.tunnelIdleTimeout().toMillis());
    }

    /** Both kinds of listener, all or nothing: the tcp binder runs the http apply inside its own. */
    private void applyListeners(Generation generation) {
        List<HttpListenerSpec> http = generation.config().listeners(HttpListenerSpec.class);
        Runnable applyHttp = engineListeners != null
                ? () -> {
                    Predicate<HttpListenerSpec> undertow = l -> UndertowOnly.serves(l, generation.config());
                    listeners.apply(http.stream().filter(undertow).toList(), generation::handler);
                    engineListeners.apply(http.stream().filter(undertow.negate()).toList(), generation::routes);
                }
                : () -> listeners.apply(http, generation::handler);
        tcpListeners.apply(generation.config().listeners(TcpListenerSpec.class), generation::tcpForwarding, applyHttp);
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
            Config config = resolved(ConfigCheck.validated(RoutingScripts.compile(confDir, scriptCache), plugins));
            HealthPlan health = HealthPlan.of(config, plugins.catalog());
            next = Generation.build(running.number() + 1, config, plugins, parts());
            applyListeners(next);
            current = next;
            addresses.keepFresh(config);
            swapped(running, next, newPlugins);
            healthChecks.apply(health);
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
        if (engine != null) {
            engine.retainBackends(next.backendIds());
        }
        backendStates.retainOnly(next.backendIds());
        // a store the new generation dropped may still answer the old one's requests until they are done
        retirer.schedule(sessionStores.retainOnly(next.stores()), settings.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
        sessionStores.retainOnly(running.stores()).run();
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
        InetSocketAddress tcp = tcpListeners.addresses().get(listenerName);
        if (tcp != null) {
            return tcp.getPort();
        }
        return engineListeners != null && engineListeners.addresses().containsKey(listenerName)
                ? engineListeners.port(listenerName) : listeners.port(listenerName);
    }

    /** Where each listener is bound, by name, as the sockets report it. */
    public Map<String, InetSocketAddress> addresses() {
        Map<String, InetSocketAddress> addresses = new LinkedHashMap<>(listeners.addresses());
        if (engineListeners != null) {
            addresses.putAll(engineListeners.addresses());
        }
        addresses.putAll(tcpListeners.addresses());
        return addresses;
    }

    public long generation() {
        return current == null ? 0 : current.number();
    }

    public MetricRegistry metrics() {
        return metrics;
    }

    /** What Junction knows about a backend (requests in flight, health and its recent probes, ejection, mode), if it knows it. */
    public Optional<BackendState> backend(String backendId) {
        return Optional.ofNullable(backendStates.find(backendId));
    }

    /**
     * Sets a backend's mode at run time, over whatever the scripts say, until set again; {@code null} follows
     * the scripts again. Survives reloads while the backend is named.
     *
     * @throws IllegalArgumentException when no generation names the backend
     */
    public void backendMode(String backendId, BackendMode mode) {
        backend(backendId).orElseThrow(() -> new IllegalArgumentException("unknown backend '" + backendId
                + "'; known: " + String.join(", ", new java.util.TreeSet<>(backendStates.ids())))).modeOverride(mode);
    }

    /**
     * Graceful stop (SIGTERM): stops accepting connections and closes the ones not inside a request, lets the requests
     * in flight to backends and the open tunnels (WebSockets) finish for up to {@code junction.drain.timeout}, then
     * closes everything.
     *
     * @return true when every request in flight finished in time
     */
    public boolean drainAndClose() throws InterruptedException {
        synchronized (this) {
            if (listeners != null) {
                listeners.stopAccepting();
            }
            if (engineListeners != null) {
                engineListeners.drain();
            }
            if (tcpListeners != null) {
                tcpListeners.drain();
            }
        }
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        boolean drained;
        while (!(drained = inFlight() + tunnels() == 0) && System.nanoTime() - deadline < 0) {
            TimeUnit.MILLISECONDS.sleep(DRAIN_POLL_MILLIS);
        }
        log.info("stopping: {}", drained ? "every request in flight finished"
                : inFlight() + " request(s) and " + tunnels() + " tunnel(s) cut at the drain timeout");
        close();
        return drained;
    }

    private int inFlight() {
        return backendStates.ids().stream().mapToInt(backendStates::activeRequests).sum();
    }

    /** Undertow's tunnels; the own engine's hold their request in flight until they end. */
    private int tunnels() {
        return listeners == null ? 0 : listeners.activeTunnels();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (listeners != null) {
            listeners.close();
        }
        if (tcpListeners != null) {
            tcpListeners.close();
        }
        healthChecks.close();
        if (engineListeners != null) {
            engineListeners.close();
        }
        if (engine != null) {
            engine.close();
        }
        connections.close();
        addresses.close();
        deadlines.close();
        accessLog.close();
        sessionStores.close();
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

    /**
     * The sticky cookies' signer, made when a configuration first needs one: a random key seeds a SecureRandom, whose
     * providers take tens of milliseconds to start, and a launch whose pools are not sticky need not wait for them.
     */
    private synchronized SessionSigner signer() {
        if (signer == null) {
            signer = settings.stickySecrets().isEmpty() ? SessionSigner.ofRandomKey() : new SessionSigner(settings.stickySecrets());
        }
        return signer;
    }

    private Generation.Parts parts() {
        return new Generation.Parts(settings, metrics, backendMetrics, backendStates, connections, deadlines, accessLog,
                sessionStores, this::signer, storeFailures);
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
        private HostResolver hostResolver = HostResolver.SYSTEM;

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

        /** How backend host names are looked up (default: the JDK's resolver); always called off the I/O threads. */
        public Builder hostResolver(HostResolver hostResolver) {
            this.hostResolver = Objects.requireNonNull(hostResolver, "hostResolver");
            return this;
        }

        public JunctionServer build() {
            return new JunctionServer(this);
        }
    }
}
