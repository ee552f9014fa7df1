package io.junction.server.engine;

import io.junction.server.engine.http1.Http1Limits;

/**
 * One event loop's {@link RequestState}s between requests: a client connection takes one when a request's first
 * byte arrives and gives it back when the answer is written, so an idle connection holds only its socket, its
 * deadline and its counters. Kept per head limits, which size a parser.
 */
final class RequestStatePool {

    private final EventLoop loop;
    private final KeptPerLimits<RequestState> free = new KeptPerLimits<>();

    RequestStatePool(EventLoop loop) {
        this.loop = loop;
    }

    RequestState take(Http1Limits limits) {
        RequestState state = free.poll(limits);
        return state != null ? state : new RequestState(limits, loop.recentStrings());
    }

    /** States kept for the next requests: as many as requests were in at once, when no idle connection holds one. */
    int kept() {
        return free.size();
    }

    /** @return null, for {@code state = pool.give(state)} */
    RequestState give(RequestState state) {
        if (state != null) {
            free.keep(state.limits(), state.released());
        }
        return null;
    }
}
