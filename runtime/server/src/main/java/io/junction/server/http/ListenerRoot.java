package io.junction.server.http;

import io.junction.server.metrics.TunnelCount;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.StatusCodes;
import org.xnio.IoUtils;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The root handler of a bound listener. A reload swaps {@link #serve} in one volatile write; each
 * request reads it once, so it runs wholly on the generation it started with. It also knows which of the
 * listener's client connections sit idle between requests, so that a {@link #drain} closes those at once and
 * the others right after their response.
 */
public final class ListenerRoot implements HttpHandler {

    private volatile HttpHandler current;
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

    /** From now on no connection is kept alive: idle ones are closed now, busy ones after their response. */
    public void drain() {
        draining = true;
        idle.forEach(IoUtils::safeClose);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        ServerConnection connection = exchange.getConnection();
        idle.remove(connection);
        if (seen.add(connection)) {
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
