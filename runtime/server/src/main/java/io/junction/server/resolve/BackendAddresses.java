package io.junction.server.resolve;

import com.codahale.metrics.Counter;
import io.junction.core.check.ConfigProblem;
import io.junction.core.model.AddressRange;
import io.junction.core.model.BackendSpec;
import io.junction.core.model.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the backends named by host name are, for every kind of backend (http, https, tcp) and both HTTP engines. A
 * lookup blocks, so it never runs on an I/O thread: names are resolved when a configuration is applied (on the
 * reload thread, bounded by {@link #APPLY_WAIT}) and again every {@code refresh} (junction.resolver.refresh) on the {@code junction-resolver}
 * threads. A connect reads the last address found; a name that has none yet is a connect failure ({@code dns_error},
 * the next backend is tried) and is looked up again in the background. A refresh that fails keeps the last address
 * found, so a DNS outage does not take running backends away; it is logged and counted.
 */
public final class BackendAddresses implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackendAddresses.class);
    /** How long applying a configuration waits for its names; slower ones are ready a little later. */
    private static final Duration APPLY_WAIT = Duration.ofSeconds(10);

    private final HostResolver resolver;
    private final Counter failures;
    private final Map<String, InetAddress> found = new ConcurrentHashMap<>();
    private final Set<String> looking = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "junction-resolver");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Set<String> names = Set.of();

    /**
     * @param refresh  how often the serving configuration's names are looked up again; zero = never (only when a
     *                 configuration is applied, and for a connect that finds a name without an address)
     * @param failures counts the lookups that failed (at load, on refresh or for a connect)
     */
    public BackendAddresses(HostResolver resolver, Duration refresh, Counter failures) {
        this.resolver = resolver;
        this.failures = failures;
        if (!refresh.isZero()) {
            threads.scheduleWithFixedDelay(() -> names.forEach(this::lookUp), refresh.toMillis(), refresh.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Looks up every host name {@code config}'s backends use (off the I/O threads, waiting at most {@link #APPLY_WAIT}).
     * A name that does not resolve and never did is a problem at each backend that uses it (for the log: such a backend
     * is down until its name resolves); a name that resolved before keeps its last address, and a slow one is tried as
     * it resolves.
     */
    public List<ConfigProblem> lookUp(Config config) {
        Map<String, List<BackendSpec>> byName = hostNames(config);
        Map<String, Future<Boolean>> lookups = new TreeMap<>();
        byName.keySet().forEach(name -> lookups.put(name, threads.submit(() -> lookUp(name))));
        long deadline = System.nanoTime() + APPLY_WAIT.toNanos();
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        lookups.forEach((name, lookup) -> {
            if (resolvedOrPending(lookup, deadline, name, slow) || found.containsKey(name)) {
                return;
            }
            byName.get(name).forEach(backend -> problems.add(new ConfigProblem(backend.location(),
                    "backend '" + backend.address().uri() + "': host name '" + name + "' does not resolve")));
        });
        if (!slow.isEmpty()) {
            log.warn("backend host names {} did not resolve within {} ms; they are tried as they resolve", slow, APPLY_WAIT.toMillis());
        }
        return problems;
    }

    /** From now on the names of the serving configuration are the ones refreshed; others are forgotten. */
    public void keepFresh(Config config) {
        names = Set.copyOf(hostNames(config).keySet());
        found.keySet().retainAll(names);
    }

    /** Whether the lookup found an address or is still running at the deadline (then its name goes to {@code slow}). */
    private static boolean resolvedOrPending(Future<Boolean> lookup, long deadline, String name, List<String> slow) {
        try {
            return lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            slow.add(name);
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** On an I/O thread: the backend's address, or {@code null} when its name has not resolved (yet). Never blocks. */
    public InetSocketAddress of(URI backend) {
        String host = host(backend);
        InetAddress literal = AddressRange.literal(host);
        if (literal != null) {
            return new InetSocketAddress(literal, backend.getPort());
        }
        InetAddress address = found.get(host);
        if (address == null) {
            if (looking.add(host)) {
                threads.execute(() -> lookUp(host));
            }
            return null;
        }
        return new InetSocketAddress(address, backend.getPort());
    }

    /** The backends of {@code config} named by a host name rather than an address literal, by name. */
    private static Map<String, List<BackendSpec>> hostNames(Config config) {
        Map<String, List<BackendSpec>> byName = new TreeMap<>();
        config.pools().values().forEach(pool -> pool.backends().stream()
                .filter(backend -> AddressRange.literal(host(backend.address().uri())) == null)
                .forEach(backend -> byName.computeIfAbsent(host(backend.address().uri()), name -> new ArrayList<>()).add(backend)));
        return byName;
    }

    /** The host as written, without the brackets of an IPv6 literal. */
    private static String host(URI backend) {
        return backend.getHost().replace("[", "").replace("]", "");
    }

    private boolean lookUp(String host) {
        try {
            found.put(host, resolver.resolve(host));
            return true;
        } catch (UnknownHostException e) {
            failures.inc();
            log.warn("backend host '{}' does not resolve{}", host, found.containsKey(host) ? "; keeping its last address" : "");
            return false;
        } finally {
            looking.remove(host);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
