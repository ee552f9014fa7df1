package io.junction.server.http;

import io.junction.core.routing.RouteMatch;
import io.junction.core.routing.RouteTable;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

import java.util.Map;

/** Hands the exchange to the handler of the first matching route. */
public final class RoutingHandler implements HttpHandler {

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final AttachmentKey<Map<String, String>> CAPTURES = (AttachmentKey) AttachmentKey.create(Map.class);

    private final RouteTable<HttpHandler> routes;

    public RoutingHandler(RouteTable<HttpHandler> routes) {
        this.routes = routes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        RouteMatch<HttpHandler> match = routes.resolve(ExchangeRequestView.of(exchange));
        if (!match.captures().isEmpty()) {
            exchange.putAttachment(CAPTURES, match.captures());
        }
        match.target().handleRequest(exchange);
    }

    /** The named groups of the matched route's path regex, for actions that use them; absent when there are none. */
    static Map<String, String> captures(HttpServerExchange exchange) {
        Map<String, String> captures = exchange.getAttachment(CAPTURES);
        return captures == null ? Map.of() : captures;
    }
}
