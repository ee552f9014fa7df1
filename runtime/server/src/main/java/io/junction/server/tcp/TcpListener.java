package io.junction.server.tcp;

import com.codahale.metrics.MetricRegistry;
import io.junction.core.http.ConnectionSlots;
import io.junction.server.engine.Engine;
import io.junction.server.engine.EventLoop;
import io.junction.server.engine.ListeningSockets;
import io.junction.server.resolve.BackendAddresses;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * One bound tcp listener, a listening socket on each of the engine's event loops. A reload that keeps it swaps
 * {@link #serve} in one volatile write: each connection reads it once when accepted and runs wholly on that
 * generation, so open connections live on across reloads. Its connection slots belong to the listener, not to a
 * generation, so the cap holds across reloads too.
 */
final class TcpListener {

    private final BackendAddresses backendAddresses;
    private final MetricRegistry registry;
    private final ConnectionSlots slots;
    private final ListenerMetrics metrics;
    private final ListeningSockets sockets;
    private volatile TcpForwarding current;

    /** Binds and starts accepting; its connections count under {@code total} too. */
    TcpListener(Engine engine, InetSocketAddress address, TcpForwarding initial, ConnectionSlots total,
                BackendAddresses backendAddresses, MetricRegistry registry) throws IOException {
        String name = initial.listener().name();
        this.current = initial;
        this.backendAddresses = backendAddresses;
        this.registry = registry;
        this.slots = total.listener(initial.limits().maxConnections());
        this.metrics = ListenerMetrics.register(registry, name, slots::open);
        this.sockets = engine.listen(name, address, slots, metrics.capStops()::inc, this::accepted);
    }

    private void accepted(EventLoop loop, SocketChannel client) throws IOException {
        metrics.connections().mark();
        new TcpSession(loop, client, current, this).start();
    }

    void serve(TcpForwarding next) {
        current = next;
        slots.resize(next.limits().maxConnections());
    }

    void sessionClosed(EventLoop loop) {
        sockets.closed(loop);
    }

    BackendAddresses backendAddresses() {
        return backendAddresses;
    }

    ListenerMetrics metrics() {
        return metrics;
    }

    MetricRegistry registry() {
        return registry;
    }

    InetSocketAddress address() {
        return sockets.address();
    }

    /** Stops accepting; open connections end on their own (or at their idle timeout). */
    void close() {
        sockets.close();
    }
}
