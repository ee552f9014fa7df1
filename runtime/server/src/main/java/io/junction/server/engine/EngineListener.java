package io.junction.server.engine;

import io.junction.core.http.ConnectionSlots;
import io.junction.server.engine.http1.Http1Limits;
import io.junction.server.metrics.LimitCount;
import io.junction.server.metrics.ListenerCounts;
import io.junction.server.metrics.TunnelCount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One bound listener: a listening socket per event loop on the same port (SO_REUSEPORT, so the kernel
 * spreads connections and a connection stays on the loop that accepted it), and the routes its
 * requests are served with, swapped whole by a reload. At its connection cap (or the total one) each socket stops
 * accepting until a connection ends ({@link ConnectionSlots}).
 */
public final class EngineListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EngineListener.class);

    private final String name;
    private final Engine.Settings settings;
    private final TunnelCount tunnels;
    private final LimitCount limitCount;
    private final ConnectionSlots slots;
    private final List<Acceptor> acceptors = new ArrayList<>();
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;
    private final InetSocketAddress address;
    private volatile EngineRoutes routes;

    EngineListener(String name, InetSocketAddress requested, EngineRoutes routes, ListenerCounts counts, EventLoop[] loops,
                   Engine.Settings settings) throws IOException {
        this.name = name;
        this.tunnels = counts.tunnels();
        this.limitCount = counts.limits();
        this.slots = counts.slots();
        this.settings = settings;
        this.routes = routes;
        InetSocketAddress bindTo = requested;
        try {
            for (EventLoop loop : loops) {
                ServerSocketChannel socket = ServerSocketChannel.open();
                socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                acceptors.add(new Acceptor(loop, socket));
                socket.bind(bindTo, 1024);
                // a port 0 listener takes the port the first socket got
                bindTo = (InetSocketAddress) socket.getLocalAddress();
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        this.address = bindTo;
        for (Acceptor acceptor : acceptors) {
            acceptor.loop.call(acceptor::register);
        }
    }

    public String name() {
        return name;
    }

    public InetSocketAddress address() {
        return address;
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
        slots.closed();
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
        for (Acceptor acceptor : acceptors) {
            acceptor.loop.call(acceptor::close);
        }
    }

    /** The listening socket of one loop. */
    private final class Acceptor implements IoHandler {
        private final EventLoop loop;
        private final ServerSocketChannel socket;
        private SelectionKey key;

        Acceptor(EventLoop loop, ServerSocketChannel socket) {
            this.loop = loop;
            this.socket = socket;
        }

        Void register() {
            try {
                key = loop.register(socket, SelectionKey.OP_ACCEPT, this);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        }

        @Override
        public void ready(int readyOps) throws IOException {
            // the slot first: loops racing for the last one never accept past the cap
            while (slots.tryOpen()) {
                SocketChannel client = socket.accept();
                if (client == null) {
                    slots.closed();
                    return;
                }
                try {
                    client.configureBlocking(false);
                    client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    open.add(new ClientConnection(loop, EngineListener.this, client));
                } catch (IOException e) {
                    slots.closed();
                    client.close();
                }
            }
            // at the cap: the next connections wait in the kernel's backlog until one of these ends
            key.interestOps(0);
            limitCount.connectionCapStop();
            if (slots.stopped(() -> loop.execute(this::resume))) {
                log.warn("listener '{}' stopped accepting at its connection cap ({} open here); new connections wait",
                        name, slots.open());
            }
        }

        private void resume() {
            if (key != null && key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }

        @Override
        public void failed(Exception e) {
            close();
        }

        Void close() {
            if (key != null) {
                key.cancel();
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
            return null;
        }
    }
}
