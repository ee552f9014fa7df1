package io.junction.server.http;

import io.junction.core.edit.ResponseEdits;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Applies a route's response header edits to the backend's response head just before it is sent. */
public final class ResponseEditsHandler implements HttpHandler {

    private final ResponseEdits edits;
    private final HttpHandler next;

    public ResponseEditsHandler(ResponseEdits edits, HttpHandler next) {
        this.edits = edits;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.addResponseCommitListener(committed -> edits.apply(new HeaderMapEditor(committed.getResponseHeaders())));
        next.handleRequest(exchange);
    }
}
