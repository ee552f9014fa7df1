package io.junction.server.proxy;

import io.junction.core.forward.UpstreamPolicy;
import io.junction.core.pool.Pool;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;

/**
 * Forwards the Undertow engine's exchanges to one pool under one policy, each as a {@link ForwardedExchange} on its
 * I/O thread over {@link BackendLinks}.
 */
public final class ExchangeForwarder implements HttpHandler {

    private final Pool pool;
    private final UpstreamPolicy policy;
    private final BackendLinks links;
    private final Deadlines deadlines;

    public ExchangeForwarder(Pool pool, UpstreamPolicy policy, BackendLinks links, Deadlines deadlines) {
        this.pool = pool;
        this.policy = policy;
        this.links = links;
        this.deadlines = deadlines;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!StreamsInFlight.admit(exchange)) {
            return;
        }
        ForwardedExchange forward = new ForwardedExchange(exchange, pool, policy, links, deadlines);
        // dispatched to the same thread: the exchange stays open when this returns, until the forward ends it
        exchange.dispatch(SameThreadExecutor.INSTANCE, forward::start);
    }
}
