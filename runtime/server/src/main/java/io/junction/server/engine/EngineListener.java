package io.junction.server.engine;

import io.junction.server.engine.http1.Http1Limits;
import io.junction.server.metrics.TunnelCount;

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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One bound listener: a listening socket per event loop on the same port (SO_REUSEPORT, so the kernel
 * spreads connections and a connection stays on the loop that accepted it), and the routes its
 * requests are served with, swapped whole by a reload.
 */
public final class EngineListener implements AutoCloseable {

    private final String name;
    private final Engine.Settings settings;
    private final TunnelCount tunnels;
    private final List<Acceptor> acceptors = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;
    private final InetSocketAddress address;
    private volatile EngineRoutes routes;

    EngineListener(String name, InetSocketAddress requested, EngineRoutes routes, TunnelCount tunnels, EventLoop[] loops,
                   Engine.Settings settings) throws IOException {
        this.name = name;
        this.tunnels = tunnels;
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
    }

    EngineRoutes routes() {
        return routes;
    }

    /** Open client connections. */
    public int connections() {
        return connections.get();
    }

    void connectionOpened(ClientConnection connection) {
        open.add(connection);
    }

    void connectionClosed(ClientConnection connection) {
        open.remove(connection);
        connections.decrementAndGet();
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
            for (SocketChannel client; (client = socket.accept()) != null; ) {
                try {
                    client.configureBlocking(false);
                    client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    connections.incrementAndGet();
                    connectionOpened(new ClientConnection(loop, EngineListener.this, client));
                } catch (IOException e) {
                    connections.decrementAndGet();
                    client.close();
                }
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
