package io.junction.server.http;

import io.junction.server.metrics.TunnelCount;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.StatusCodes;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;

import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The root handler of a bound listener. A reload swaps {@link #serve} in one volatile write; each
 * request reads it once, so it runs wholly on the generation it started with. It also knows which of the
 * listener's client connections are not inside a request (never used yet, or idle between requests), so that a
 * {@link #drain} closes those at once and the others right after their response.
 */
public final class ListenerRoot implements HttpHandler {

    /** Below this many unused connections, closed ones are not looked for. */
    private static final int PRUNE_FLOOR = 1024;

    private volatile HttpHandler current;
    /**
     * Connections Junction's accept path saw that have not sent a request yet, by client address: Undertow keeps its
     * connection set private, and a {@link ServerConnection} is only met with its first request.
     */
    private final Map<SocketAddress, StreamConnection> unused = new ConcurrentHashMap<>();
    private volatile int pruneAt = PRUNE_FLOOR;
    private final Set<ServerConnection> seen = ConcurrentHashMap.newKeySet();
    private final Set<ServerConnection> idle = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;
    private final TunnelCount tunnels;
    private final long tunnelIdleMillis;

    public ListenerRoot(HttpHandler initial, TunnelCount tunnels, long tunnelIdleMillis) {
        this.current = initial;
        this.tunnels = tunnels;
        this.tunnelIdleMillis = tunnelIdleMillis;
    }

    public void serve(HttpHandler next) {
        this.current = next;
    }

    /** A connection just accepted, before Undertow reads from it. */
    void accepted(StreamConnection connection) {
        unused.put(connection.getPeerAddress(), connection);
        if (unused.size() > pruneAt) {
            // ones that closed without a request (header timeout, a client that left) have no close listener here
            unused.values().removeIf(c -> !c.isOpen());
            pruneAt = Math.max(PRUNE_FLOOR, 2 * unused.size());
        }
    }

    /** From now on no connection is kept alive: unused and idle ones are closed now, busy ones after their response. */
    public void drain() {
        draining = true;
        unused.values().forEach(IoUtils::safeClose);
        idle.forEach(IoUtils::safeClose);
    }

    /** Ends the drain: every connection still open (a request or a tunnel that outlasted it) is closed. */
    void closeAll() {
        drain();
        seen.forEach(IoUtils::safeClose);
    }

    /** WebSockets and other upgraded connections open now. */
    int activeTunnels() {
        return tunnels.active();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        ServerConnection connection = exchange.getConnection();
        idle.remove(connection);
        if (seen.add(connection)) {
            unused.remove(connection.getPeerAddress());
            connection.addCloseListener(closed -> {
                seen.remove(closed);
                idle.remove(closed);
            });
        }
        exchange.addExchangeCompleteListener((ex, next) -> {
            next.proceed();
            if (ex.getStatusCode() == StatusCodes.SWITCHING_PROTOCOLS) {
                // a tunnel now: never idle, counted until it closes
                tunnels.opened();
                connection.addCloseListener(closed -> tunnels.closed());
                if (connection instanceof AbstractServerConnection http1) {
                    // after proceed(): the upgrade has reset the connection's conduits by now
                    TunnelIdleTimeout.watch(http1.getChannel(), tunnelIdleMillis);
                }
                return;
            }
            idle.add(connection);
            // read after the add: a close or a drain that happened meanwhile may have missed this connection
            if (!connection.isOpen()) {
                idle.remove(connection);
            } else if (draining) {
                IoUtils.safeClose(connection);
            }
        });
        current.handleRequest(exchange);
    }
}
