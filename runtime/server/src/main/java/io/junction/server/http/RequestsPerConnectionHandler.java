package io.junction.server.http;

import io.junction.core.model.HttpLimits;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * Holds a connection to the listener's {@code maxRequestsPerConnection} on the Undertow engine: the last request's
 * response says {@code Connection: close} (Undertow writes it for a request that is not persistent) and the
 * connection closes after it. Which request is the last is {@link HttpLimits#lastRequest}'s rule.
 */
public final class RequestsPerConnectionHandler implements HttpHandler {

    /** Requests served so far on a connection; one request of a connection runs at a time. */
    private static final AttachmentKey<int[]> SERVED = AttachmentKey.create(int[].class);

    private final HttpLimits limits;
    private final HttpHandler next;

    private RequestsPerConnectionHandler(HttpLimits limits, HttpHandler next) {
        this.limits = limits;
        this.next = next;
    }

    /** {@code next} counted against {@code limits}, or {@code next} itself when they set no cap. */
    public static HttpHandler of(HttpLimits limits, HttpHandler next) {
        return limits.maxRequestsPerConnection() > 0 ? new RequestsPerConnectionHandler(limits, next) : next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        int[] served = exchange.getConnection().getAttachment(SERVED);
        if (served == null) {
            served = new int[1];
            exchange.getConnection().putAttachment(SERVED, served);
        }
        if (limits.lastRequest(++served[0])) {
            exchange.setPersistent(false);
        }
        next.handleRequest(exchange);
    }
}
