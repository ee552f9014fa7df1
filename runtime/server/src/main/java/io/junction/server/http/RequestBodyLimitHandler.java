package io.junction.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * Answers 413 up front when a request declares a body larger than the limit. (A chunked body that
 * grows past it is cut off by Undertow's MAX_ENTITY_SIZE while streaming.)
 */
public final class RequestBodyLimitHandler implements HttpHandler {

    private final long limit;
    private final HttpHandler next;

    public RequestBodyLimitHandler(long limit, HttpHandler next) {
        this.limit = limit;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.getRequestContentLength() > limit) {
            exchange.setPersistent(false);
            RespondHandler.send(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE,
                    "request body too large: " + exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH)
                            + " bytes, the limit is " + limit + "\n");
            return;
        }
        next.handleRequest(exchange);
    }
}
