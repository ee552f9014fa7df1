package io.junction.server.engine;

import io.junction.core.http.ConnectionSlots;
import io.junction.server.metrics.ListenerCounts;
import io.junction.server.resolve.BackendAddresses;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * Junction's own HTTP/1.1 engine on plain java.nio: N event loops, each with its own selector, its own
 * listening socket per listener, and the backend connections of the clients it accepted. See
 * docs/architecture.md for why it does not sit on XNIO.
 */
public final class Engine implements AutoCloseable {

    /**
     * A listener's client-side limits come with its routes ({@link EngineRoutes#limits}).
     *
     * @param maxIdleBackend  idle keep-alive connections per backend per loop
     * @param backendIdleMillis an idle backend connection is closed after this long
     * @param tunnelIdleMillis  a tunnel (after a 101) with no bytes either way is closed after this long
     */
    public record Settings(int maxIdleBackend, long backendIdleMillis, long tunnelIdleMillis) {
    }

    private final Settings settings;
    private final EventLoop[] loops;

    /**
     * @param threads   event loops; 0 = one per core
     * @param addresses where backends named by host name are (looked up off the loops)
     */
    public Engine(int threads, Settings settings, BackendAddresses addresses) {
        this.settings = settings;
        int count = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.loops = new EventLoop[count];
        BackendPool.Limits backendLimits = new BackendPool.Limits(settings.maxIdleBackend(), settings.backendIdleMillis());
        for (int i = 0; i < count; i++) {
            loops[i] = new EventLoop("junction-io-" + i, backendLimits, addresses);
        }
    }

    /** Binds a listener on every loop; port 0 takes an ephemeral port, the same on each. */
    public EngineListener bind(String name, InetSocketAddress address, EngineRoutes routes, ListenerCounts counts) throws IOException {
        return new EngineListener(name, address, routes, counts, loops, settings);
    }

    /**
     * Binds a socket per loop for a listener of another kind (tcp), whose connections it hands to {@code accepted}
     * on the loop that serves them.
     */
    public ListeningSockets listen(String name, InetSocketAddress address, ConnectionSlots slots, Runnable capStop,
                                   ListeningSockets.Accepted accepted) throws IOException {
        return new ListeningSockets(name, address, loops, slots, capStop, accepted);
    }

    /** Drops idle connections to backends no configuration names any more. */
    public void retainBackends(Set<String> backendIds) {
        for (EventLoop loop : loops) {
            loop.execute(() -> loop.backends().retainOnly(backendIds));
        }
    }

    @Override
    public void close() {
        for (EventLoop loop : loops) {
            loop.close();
        }
    }
}
