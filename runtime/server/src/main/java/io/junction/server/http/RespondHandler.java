package io.junction.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Answers with a fixed status and short text body ({@code respond 404, 'no route'}). */
public final class RespondHandler implements HttpHandler {

    private final int status;
    private final String body;

    public RespondHandler(int status, String body) {
        this.status = status;
        this.body = body;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        send(exchange, status, body);
    }

    /** Ends the exchange with {@code status} and a text body; a no-op once the response has started. */
    public static void send(HttpServerExchange exchange, int status, String body) {
        if (exchange.isResponseStarted()) {
            return;
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send(body);
    }
}
