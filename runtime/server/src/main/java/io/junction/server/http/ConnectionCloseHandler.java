package io.junction.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;

/**
 * Honours {@code close} anywhere in a request's Connection header (RFC 9110 7.6.1: a token list).
 * Undertow keeps the connection open unless the header is exactly {@code close}.
 */
public final class ConnectionCloseHandler implements HttpHandler {

    private final HttpHandler next;

    public ConnectionCloseHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HeaderValues connection = exchange.getRequestHeaders().get(Headers.CONNECTION);
        if (connection != null && exchange.isPersistent() && namesClose(connection)) {
            exchange.setPersistent(false);
        }
        next.handleRequest(exchange);
    }

    private static boolean namesClose(HeaderValues connection) {
        for (String value : connection) {
            for (String token : value.split(",")) {
                if (token.trim().equalsIgnoreCase("close")) {
                    return true;
                }
            }
        }
        return false;
    }
}
