package io.junction.server.engine;

import io.junction.server.engine.http1.Http1Limits;

/**
 * One event loop's exchanges between requests. A client connection takes one when it forwards a request and gives
 * it back when the exchange ended, so an idle keep-alive connection holds none (its response parser, body relays,
 * head edits, deadlines and attempt) while the steady state allocates none. Kept per head limits, which size an
 * exchange's response parser.
 */
final class ExchangePool {

    private final EventLoop loop;
    private final KeptPerLimits<Exchange> free = new KeptPerLimits<>();

    ExchangePool(EventLoop loop) {
        this.loop = loop;
    }

    Exchange take(Http1Limits limits) {
        Exchange exchange = free.poll(limits);
        return exchange != null ? exchange : new Exchange(loop, limits);
    }

    /**
     * Keeps {@code exchange} for the next request unless something may still call back into it (it is then left
     * to the collector with its connection).
     *
     * @return null, for {@code exchange = pool.give(exchange)}
     */
    Exchange give(Exchange exchange) {
        if (exchange != null && exchange.reusable()) {
            free.keep(exchange.limits(), exchange.released());
        }
        return null;
    }
}
