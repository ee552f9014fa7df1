package io.junction.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * The root handler of a bound listener. A reload swaps {@link #serve} in one volatile write; each
 * request reads it once, so it runs wholly on the generation it started with.
 */
public final class ListenerRoot implements HttpHandler {

    private volatile HttpHandler current;

    public ListenerRoot(HttpHandler initial) {
        this.current = initial;
    }

    public void serve(HttpHandler next) {
        this.current = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        current.handleRequest(exchange);
    }
}
