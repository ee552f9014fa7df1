package io.junction.server.http;

import io.junction.core.action.RedirectLocation;
import io.junction.core.model.Action;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Answers with a redirect whose Location {@link RedirectLocation} works out ({@code redirect 301, scheme: 'https'}). */
public final class RedirectHandler implements HttpHandler {

    private final Action.Redirect redirect;

    public RedirectHandler(Action.Redirect redirect) {
        this.redirect = redirect;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String location = RedirectLocation.of(redirect, ExchangeRequestView.of(exchange), RoutingHandler.captures(exchange));
        exchange.getResponseHeaders().put(Headers.LOCATION, location);
        RespondHandler.send(exchange, redirect.status(), "");
    }
}
