package io.junction.server.http;

import io.junction.core.routing.RouteTable;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Hands the exchange to the handler of the first matching route. */
public final class RoutingHandler implements HttpHandler {

    private final RouteTable<HttpHandler> routes;

    public RoutingHandler(RouteTable<HttpHandler> routes) {
        this.routes = routes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        routes.match(ExchangeRequestView.of(exchange)).handleRequest(exchange);
    }
}
