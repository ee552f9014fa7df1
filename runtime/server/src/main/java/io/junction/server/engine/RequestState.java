package io.junction.server.engine;

import io.junction.server.engine.http1.Http1Limits;
import io.junction.server.engine.http1.RecentStrings;
import io.junction.server.engine.http1.RequestHeadParser;
import io.junction.server.logging.UpstreamTrace;

import java.net.InetSocketAddress;

/**
 * What a client connection holds only while a request is in, from its first byte to the end of its answer: the head
 * parser, the plugin API's view of it and the upstream trace. Taken from the loop's {@link RequestStatePool}, so an
 * idle keep-alive connection holds none of it.
 */
final class RequestState {

    private final Http1Limits limits;
    private final RequestHeadParser parser;
    private final ParsedRequest view;
    /** Restarted for each forwarded request; made by the first. */
    private UpstreamTrace trace;

    RequestState(Http1Limits limits, RecentStrings recent) {
        this.limits = limits;
        this.parser = new RequestHeadParser(limits);
        this.view = new ParsedRequest(parser, recent);
    }

    /** Ready for a request of the client at {@code remote} on the listener's {@code listenerPort}. */
    RequestState bind(InetSocketAddress remote, int listenerPort) {
        view.bind(remote, listenerPort);
        return this;
    }

    /** The trace of the request being forwarded to {@code pool}. */
    UpstreamTrace upstream(String pool, boolean timed) {
        return (trace == null ? (trace = new UpstreamTrace(pool)) : trace).restart(pool, timed);
    }

    /** Back in the pool: the parser forgets its head and gives its arrays back. */
    RequestState released() {
        parser.reset();
        return this;
    }

    Http1Limits limits() {
        return limits;
    }

    RequestHeadParser parser() {
        return parser;
    }

    ParsedRequest view() {
        return view;
    }
}
