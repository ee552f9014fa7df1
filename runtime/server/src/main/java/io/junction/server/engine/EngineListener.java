package io.junction.server.engine;

import io.junction.core.http.ConnectionSlots;
import io.junction.server.engine.http1.Http1Limits;
import io.junction.server.metrics.LimitCount;
import io.junction.server.metrics.ListenerCounts;
import io.junction.server.metrics.TunnelCount;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One bound listener: its {@link ListeningSockets}, and the routes its requests are served with, swapped whole
 * by a reload.
 */
public final class EngineListener implements AutoCloseable {

    private final String name;
    private final Engine.Settings settings;
    private final TunnelCount tunnels;
    private final LimitCount limitCount;
    private final ConnectionSlots slots;
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;
    private final ListeningSockets sockets;
    private volatile EngineRoutes routes;

    EngineListener(String name, InetSocketAddress requested, EngineRoutes routes, ListenerCounts counts, EventLoop[] loops,
                   Engine.Settings settings) throws IOException {
        this.name = name;
        this.tunnels = counts.tunnels();
        this.limitCount = counts.limits();
        this.slots = counts.slots();
        this.settings = settings;
        this.routes = routes;
        this.sockets = new ListeningSockets(name, requested, loops, slots, limitCount::connectionCapStop,
                (loop, client) -> open.add(new ClientConnection(loop, this, client)));
    }

    public String name() {
        return name;
    }

    public InetSocketAddress address() {
        return sockets.address();
    }

    /** The routes a request that starts from now on is served with. */
    public void serve(EngineRoutes next) {
        routes = next;
        slots.resize(next.limits().maxConnections());
    }

    EngineRoutes routes() {
        return routes;
    }

    /** Open client connections. */
    public int connections() {
        return slots.open();
    }

    void connectionClosed(ClientConnection connection) {
        open.remove(connection);
        sockets.closed(connection.loop);
    }

    /**
     * Stops accepting and keeps no connection alive: idle ones are closed now (each on its own loop), busy ones
     * after their response.
     */
    public void drain() {
        close();
        draining = true;
        for (ClientConnection connection : open) {
            connection.loop.execute(connection::closeIfIdle);
        }
    }

    boolean draining() {
        return draining;
    }

    /** The limits of the routes now served: a reload that changes them applies to the connections and requests after it. */
    Http1Limits limits() {
        return routes.headLimits();
    }

    long idleMillis() {
        return routes.limits().idleTimeout().toMillis();
    }

    long headerMillis() {
        return routes.limits().headerTimeout().toMillis();
    }

    long tunnelIdleMillis() {
        return settings.tunnelIdleMillis();
    }

    TunnelCount tunnels() {
        return tunnels;
    }

    LimitCount limitCount() {
        return limitCount;
    }

    /** Stops accepting; connections already accepted finish on their own. */
    @Override
    public void close() {
        sockets.close();
    }
}
