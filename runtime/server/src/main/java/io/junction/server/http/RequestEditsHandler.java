package io.junction.server.http;

import io.junction.core.edit.RequestEdits;
import io.junction.core.edit.RequestEditor;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Applies a route's path rewrites and request header edits, then calls {@code next} (the forwarder). */
public final class RequestEditsHandler implements HttpHandler {

    private final RequestEdits edits;
    private final HttpHandler next;

    public RequestEditsHandler(RequestEdits edits, HttpHandler next) {
        this.edits = edits;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        edits.apply(ExchangeRequestView.of(exchange).path(), new ExchangeEditor(exchange));
        next.handleRequest(exchange);
    }

    /** The forwarder sends the request URI and the query string (ExchangeHead). */
    private static final class ExchangeEditor extends HeaderMapEditor implements RequestEditor {

        private final HttpServerExchange exchange;

        ExchangeEditor(HttpServerExchange exchange) {
            super(exchange.getRequestHeaders());
            this.exchange = exchange;
        }

        @Override
        public void path(String encodedPath) {
            exchange.setRequestURI(encodedPath, false);
        }
    }
}
