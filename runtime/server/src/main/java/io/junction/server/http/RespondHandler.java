package io.junction.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

import java.util.Map;

/** Answers with a fixed status, short text body and header fields ({@code respond 404, 'no route'}). */
public final class RespondHandler implements HttpHandler {

    private final int status;
    private final String body;
    private final Map<String, String> headers;

    public RespondHandler(int status, String body, Map<String, String> headers) {
        this.status = status;
        this.body = body;
        this.headers = Map.copyOf(headers);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        headers.forEach((name, value) -> exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));
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
