package io.junction.server.http;

import io.junction.server.engine.http1.Http1Limits;
import io.junction.server.engine.http1.ParseResult;
import io.junction.server.engine.http1.RequestHeadParser;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Protocols;

import java.nio.ByteBuffer;

/**
 * Holds every request Undertow's lenient parser lets through to the own engine's rules, so both
 * engines refuse the same requests (one owner: {@link RequestHeadParser}). A head whose bytes the connection's
 * {@link StrictFramingConduit} already accepted passes at once; any other (on h2c listeners, which have no such
 * conduit, or one the conduit left to Undertow) is written out again from what Undertow parsed and parsed strictly.
 * A refused request is answered with the parser's status (400, 414, 431, 501, 505) before anything reaches a
 * backend, and its connection is closed.
 */
public final class StrictRequestHandler implements HttpHandler {

    /** Handlers run on I/O threads, one request at a time each: a parser per thread allocates nothing per request. */
    private final ThreadLocal<RequestHeadParser> parsers;
    private final Http1Limits limits;
    private final HttpHandler next;

    /** @param limits the head limits (Undertow's own are only a backstop above them, see HttpListeners) */
    public StrictRequestHandler(HttpHandler next, Http1Limits limits) {
        this.next = next;
        this.limits = limits;
        this.parsers = ThreadLocal.withInitial(() -> new RequestHeadParser(limits));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.getProtocol().equals(Protocols.HTTP_2_0) || acceptedByConduit(exchange)) {
            // HTTP/2 frames its messages itself and Undertow's HTTP/2 parser checks them; these rules are HTTP/1.x's
            next.handleRequest(exchange);
            return;
        }
        RequestHeadParser parser = parsers.get();
        parser.reset();
        if (parser.parse(ByteBuffer.wrap(head(exchange))) == ParseResult.DONE) {
            next.handleRequest(exchange);
            return;
        }
        exchange.setPersistent(false);
        RespondHandler.send(exchange, parser.errorStatus(), "bad request: " + parser.violation() + "\n");
    }

    private boolean acceptedByConduit(HttpServerExchange exchange) {
        // StrictHttpListener puts the conduit in place before Undertow's HTTP/1 connection takes its conduits
        return exchange.getConnection() instanceof AbstractServerConnection http1
                && http1.getOriginalSourceConduit() instanceof StrictFramingConduit strict
                && strict.takeAcceptedHead(limits);
    }

    /** The request head as Undertow parsed it, one field line per value. */
    private static byte[] head(HttpServerExchange exchange) {
        return ExchangeHead.of(exchange, exchange.getProtocol().toString(), null);
    }
}
