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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The root handler of a bound listener. A reload swaps {@link #serve} in one volatile write; each
 * request reads it once, so it runs wholly on the generation it started with. It also knows which of the
 * listener's client connections are not inside a request (never used yet, or idle between requests), so that a
 * {@link #drain} closes those at once and the others right after their response.
 *
 * <p>Connections are known by their socket, as Junction's accept path served them ({@link #accepted}, {@link #closed}),
 * and found again by client address from a request: Undertow keeps its connection set private, and on HTTP/2 every
 * stream has a {@link ServerConnection} of its own, so a socket carries several requests at once.
 */
public final class ListenerRoot implements HttpHandler {

    private volatile HttpHandler current;
    private final Map<SocketAddress, Client> clients = new ConcurrentHashMap<>();
    private volatile boolean draining;
    private final TunnelCount tunnels;
    private final long tunnelIdleMillis;

    /**
     * A served socket and its requests in flight (several at once on HTTP/2; a tunnel counts as one until it closes).
     * Undertow's own GOAWAY closes the connection at once, so an HTTP/2 one is drained like an HTTP/1 one: closed as
     * soon as no stream of it is in flight.
     */
    private record Client(StreamConnection socket, AtomicInteger inFlight) {

        Client(StreamConnection socket) {
            this(socket, new AtomicInteger());
        }

        void closeIfIdle() {
            if (inFlight.get() == 0) {
                IoUtils.safeClose(socket);
            }
        }
    }

    public ListenerRoot(HttpHandler initial, TunnelCount tunnels, long tunnelIdleMillis) {
        this.current = initial;
        this.tunnels = tunnels;
        this.tunnelIdleMillis = tunnelIdleMillis;
    }

    public void serve(HttpHandler next) {
        this.current = next;
    }

    /** A connection just accepted, before Undertow reads from it. */
    void accepted(StreamConnection socket) {
        clients.put(socket.getPeerAddress(), new Client(socket));
        if (draining) {
            IoUtils.safeClose(socket);
        }
    }

    /** A connection {@link #accepted} closed. */
    void closed(StreamConnection socket) {
        clients.computeIfPresent(socket.getPeerAddress(), (address, client) -> client.socket() == socket ? null : client);
    }

    /** From now on no connection is kept alive: unused and idle ones are closed now, busy ones after their response. */
    public void drain() {
        draining = true;
        clients.values().forEach(Client::closeIfIdle);
    }

    /** Ends the drain: every connection still open (a request or a tunnel that outlasted it) is closed. */
    void closeAll() {
        draining = true;
        clients.values().forEach(client -> IoUtils.safeClose(client.socket()));
    }

    /** WebSockets and other upgraded connections open now. */
    int activeTunnels() {
        return tunnels.active();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        ServerConnection connection = exchange.getConnection();
        Client client = clients.get(connection.getPeerAddress());
        if (client == null) {
            // its socket closed meanwhile: the request cannot be answered, nor kept alive
            current.handleRequest(exchange);
            return;
        }
        client.inFlight().incrementAndGet();
        exchange.addExchangeCompleteListener((ex, next) -> {
            next.proceed();
            if (ex.getStatusCode() == StatusCodes.SWITCHING_PROTOCOLS) {
                // a tunnel now: in flight until it closes, when the socket is forgotten
                tunnels.opened();
                connection.addCloseListener(closed -> tunnels.closed());
                if (connection instanceof AbstractServerConnection http1) {
                    // after proceed(): the upgrade has reset the connection's conduits by now
                    TunnelIdleTimeout.watch(http1.getChannel(), tunnelIdleMillis);
                }
                return;
            }
            // read after the decrement: a drain that started meanwhile may have left this socket open
            if (client.inFlight().decrementAndGet() == 0 && draining) {
                IoUtils.safeClose(client.socket());
            }
        });
        current.handleRequest(exchange);
    }
}
