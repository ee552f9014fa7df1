package io.junction.server.tcp;

import io.junction.core.model.AddressRange;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the tcp:// backends named by host name are. A DNS lookup blocks, so it never runs on an I/O thread: names are
 * resolved when a configuration is applied (on the reload thread, bounded by {@link #APPLY_WAIT}) and again every
 * {@code refresh} on a thread of their own. A connect reads the last address found; a name that has none yet is a
 * connect failure (the next backend is tried) and is looked up again in the background. A lookup that fails keeps
 * the last address found, so a DNS outage does not take running backends away.
 */
final class BackendAddresses implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackendAddresses.class);
    /** How long applying a configuration waits for its names; slower ones are ready a little later. */
    private static final Duration APPLY_WAIT = Duration.ofSeconds(2);

    private final Map<String, InetAddress> found = new ConcurrentHashMap<>();
    private final Set<String> looking = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService resolver = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "junction-resolver");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Set<String> names = Set.of();

    BackendAddresses(Duration refresh) {
        resolver.scheduleWithFixedDelay(() -> names.forEach(this::lookUp), refresh.toMillis(), refresh.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Resolves the names the applied configuration's pools use (off the I/O threads), and keeps them fresh. */
    void use(Set<String> hostNames) {
        names = Set.copyOf(hostNames);
        List<Future<?>> lookups = new ArrayList<>();
        hostNames.forEach(name -> lookups.add(resolver.submit(() -> lookUp(name))));
        long deadline = System.nanoTime() + APPLY_WAIT.toNanos();
        try {
            for (Future<?> lookup : lookups) {
                lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException | ExecutionException e) {
            log.warn("tcp backends: not every host name resolved within {} ms; they are tried as they resolve", APPLY_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** On an I/O thread: the backend's address, or {@code null} when its name has not resolved (yet). Never blocks. */
    InetSocketAddress of(URI backend) {
        String host = host(backend);
        InetAddress literal = AddressRange.literal(host);
        if (literal != null) {
            return new InetSocketAddress(literal, backend.getPort());
        }
        InetAddress address = found.get(host);
        if (address == null) {
            if (looking.add(host)) {
                resolver.execute(() -> lookUp(host));
            }
            return null;
        }
        return new InetSocketAddress(address, backend.getPort());
    }

    /** Whether the backend is named by a host name rather than an address literal. */
    static boolean isName(URI backend) {
        return AddressRange.literal(host(backend)) == null;
    }

    /** The host as written, without the brackets of an IPv6 literal. */
    static String host(URI backend) {
        return backend.getHost().replace("[", "").replace("]", "");
    }

    private void lookUp(String host) {
        try {
            found.put(host, InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            log.warn("tcp backend host '{}' does not resolve{}", host, found.containsKey(host) ? "; keeping its last address" : "");
        } finally {
            looking.remove(host);
        }
    }

    @Override
    public void close() {
        resolver.shutdownNow();
    }
}
