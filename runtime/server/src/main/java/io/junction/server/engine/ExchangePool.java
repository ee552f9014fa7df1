package io.junction.server.engine;

import io.junction.server.engine.http1.Http1Limits;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One event loop's exchanges between requests. A client connection takes one when it forwards a request and gives
 * it back when the exchange ended, so an idle keep-alive connection holds none (its response parser, body relays,
 * head edits, deadlines and attempt) while the steady state allocates none. Kept per head limits, which size an
 * exchange's response parser.
 */
final class ExchangePool {

    /** More idle exchanges than this (after a burst of concurrent requests) are left to the collector. */
    private static final int MAX_KEPT = 1024;

    private final EventLoop loop;
    private final Map<Http1Limits, ArrayDeque<Exchange>> free = new HashMap<>();
    /** The limits asked for last and their exchanges: most loops serve one set of limits, found without hashing. */
    private Http1Limits lastLimits;
    private ArrayDeque<Exchange> lastKept;

    ExchangePool(EventLoop loop) {
        this.loop = loop;
    }

    Exchange take(Http1Limits limits) {
        ArrayDeque<Exchange> kept = kept(limits);
        // newest first: the exchange used last is likely still in the CPU's caches
        Exchange exchange = kept.pollLast();
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
            ArrayDeque<Exchange> kept = kept(exchange.limits());
            if (kept.size() < MAX_KEPT) {
                kept.addLast(exchange.released());
            }
        }
        return null;
    }

    private ArrayDeque<Exchange> kept(Http1Limits limits) {
        if (limits != lastLimits) {
            lastKept = free.computeIfAbsent(limits, key -> new ArrayDeque<>());
            lastLimits = limits;
        }
        return lastKept;
    }
}
