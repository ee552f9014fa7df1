package io.junction.server.http;

import io.junction.core.action.SplitChoice;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.util.Map;

/** Hands the exchange to the forwarder of the pool {@link SplitChoice} picks ({@code split(5: 'canary', 95: 'api')}). */
public final class SplitHandler implements HttpHandler {

    private final SplitChoice choice;
    private final Map<String, HttpHandler> forwarders;

    public SplitHandler(SplitChoice choice, Map<String, HttpHandler> forwarders) {
        this.choice = choice;
        this.forwarders = Map.copyOf(forwarders);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        forwarders.get(choice.pool(ExchangeRequestView.of(exchange))).handleRequest(exchange);
    }
}
