package io.junction.server.engine;

import io.junction.core.http.BadPathException;
import io.junction.core.model.HttpLimits;
import io.junction.core.routing.RouteMatch;
import io.junction.server.engine.http1.BodyFraming;
import io.junction.server.engine.http1.Http1Version;
import io.junction.server.engine.http1.ParseResult;
import io.junction.server.engine.http1.RequestHeadParser;
import io.junction.server.engine.http1.RequestMethod;

import io.junction.server.logging.AccessLog;
import io.junction.server.logging.AccessRecord;
import io.junction.server.logging.UpstreamTrace;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One client connection: reads a request head, routes it on the listener's current routes, then either
 * answers itself ({@code respond}, errors) or hands the request to its {@link Exchange}; keeps the
 * connection for the next request when the parser and the answer allow it. A deadline closes it when
 * it is idle too long between requests or sends a head too slowly.
 */
final class ClientConnection extends Connection {

    private final EngineListener listener;
    private final InetSocketAddress remote;
    private final Deadline deadline;
    /** The parser, view and trace of the request in progress, from its first byte to its answer; null while idle. */
    private RequestState request;
    private Exchange exchange;
    private boolean forwarding;
    private EngineRoutes routes;
    private long startNanos;
    /** The current request's head was parsed (a head the parser refused is not access-logged). */
    private boolean headParsed;
    /** The pool and backend of the current request when it was forwarded; null otherwise. */
    private UpstreamTrace upstream;
    /** An answer of the engine's own, being written. */
    private ByteBuffer out;
    private boolean closeAfterAnswer;
    /** Requests whose head arrived on this connection, and whether the current one is the last it may serve. */
    private int served;
    private boolean lastRequest;
    private boolean closed;
    /** A 101 turned this connection into a tunnel, counted by the listener until it closes. */
    private boolean tunnel;

    ClientConnection(EventLoop loop, EngineListener listener, SocketChannel socket) throws IOException {
        super(loop);
        this.listener = listener;
        this.remote = (InetSocketAddress) socket.getRemoteAddress();
        this.deadline = new Deadline(loop.deadlines(), this::deadlinePassed);
        attach(socket, SelectionKey.OP_READ);
        deadline.arm(listener.idleMillis());
    }

    @Override
    public void ready(int readyOps) throws IOException {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            if (forwarding) {
                exchange.clientWritable();
            } else if (out != null) {
                flushAnswer();
            }
        }
        if ((readyOps & SelectionKey.OP_READ) != 0 && !closed) {
            int reads = 0;
            do {
                readable();
            } while (!closed && forwarding && readAgain(++reads));
        }
    }

    private void readable() throws IOException {
        int n = read();
        if (n < 0) {
            if (forwarding) {
                exchange.clientClosed();
            }
            close();
            return;
        }
        if (forwarding) {
            exchange.clientReadable();
        } else if (out == null) {
            serve();
        }
        if (!closed && in != null && !in.hasRemaining()) {
            releaseInputIfEmpty();
        } else if (!closed && in != null && in.position() == 0 && in.limit() == in.capacity()) {
            // a full buffer nobody can use yet (pipelined requests): wait until it can be
            readInterest(false);
        }
    }

    /** Parses the next request head from what was read and acts on it. */
    private void serve() {
        if (in == null || !in.hasRemaining()) {
            return;
        }
        if (request == null) {
            request = loop.requestStates().take(listener.limits()).bind(remote, listener.address().getPort());
            deadline.arm(listener.headerMillis());
        }
        ParseResult result = request().parse(in);
        if (result == ParseResult.NEED_MORE) {
            return;
        }
        headEnded();
        if (result == ParseResult.ERROR) {
            int status = request().errorStatus();
            answer(status, Responses.utf8(Responses.reason(status).toLowerCase() + ": " + request().error() + "\n"), false);
            return;
        }
        headParsed = true;
        ParsedRequest view = view();
        view.reset(routes);
        long limit = routes.maxRequestBody();
        if (limit > 0 && request().contentLength() > limit) {
            answer(413, Responses.utf8("request body too large: " + request().contentLength() + " bytes, the limit is " + limit + "\n"), false);
            return;
        }
        try {
            view.path();
        } catch (BadPathException e) {
            answer(400, Responses.utf8("bad request: " + e.getMessage() + "\n"), false);
            return;
        }
        RouteMatch<RouteAction> match = routes.table().resolve(view);
        RouteAction action = match.target();
        if (action instanceof RouteAction.Split split) {
            action = split.forward(view);
        }
        boolean keepAlive = keepAlive() && request().framing() == BodyFraming.NONE;
        if (action instanceof RouteAction.Respond respond) {
            answer(respond.status(), respond.body(), keepAlive, respond.fields());
        } else if (action instanceof RouteAction.Redirect redirect) {
            answer(redirect.redirect().status(), new byte[0], keepAlive, redirect.locationField(view, match.captures()));
        } else {
            forward((RouteAction.Forward) action);
        }
    }

    /** The head is in, refused or late: the request's clock and generation are set for its answer. */
    private void headEnded() {
        deadline.disarm();
        startNanos = System.nanoTime();
        routes = listener.routes();
        lastRequest = routes.limits().lastRequest(++served);
        headParsed = false;
        upstream = null;
    }

    /**
     * Idle too long between requests: closed. A request head begun and not finished within the header timeout
     * (a slow or stalled client): answered 408 and closed, so a client that is merely slow learns why.
     */
    private void deadlinePassed() {
        if (request == null || forwarding || out != null) {
            close();
            return;
        }
        headEnded();
        answer(408, Responses.utf8("request timeout: the request head did not arrive within " + listener.headerMillis() + " ms\n"), false);
    }

    private void forward(RouteAction.Forward forward) {
        long limit = forward.maxRequestBody();
        if (limit >= 0 && request().contentLength() > limit) {
            answer(413, Responses.utf8("request body too large: " + request().contentLength() + " bytes, the route's limit is "
                    + limit + "\n"), false);
            return;
        }
        forwarding = true;
        upstream = request.upstream(forward.pool().name(), routes.accessLog() != AccessLog.OFF);
        exchange = loop.exchanges().take(listener.limits());
        exchange.start(this, forward, upstream);
    }

    /** The exchange ended: back to the loop's pool, so that the connection holds none while it waits for the next request. */
    private void exchangeOver() {
        exchange = loop.exchanges().give(exchange);
    }

    RequestHeadParser request() {
        return request.parser();
    }

    ParsedRequest view() {
        return request.view();
    }

    /** Answers the current request with a text of the engine's own; keeps the connection only when asked. */
    void answer(int status, byte[] body, boolean keepAlive) {
        answer(status, body, keepAlive, null);
    }

    /** @param field one more header field ({@code Name: value}) or null */
    void answer(int status, byte[] body, boolean keepAlive, byte[] field) {
        if (forwarding) {
            exchangeOver();
        }
        forwarding = false;
        out = loop.buffers().take();
        out.clear();
        boolean head = request().method() == RequestMethod.HEAD;
        Responses.text(out, status, body, keepAlive ? keepAliveOption() : Responses.CLOSE, head, field);
        out.flip();
        closeAfterAnswer = !keepAlive;
        ended(status, head ? 0 : body.length);
        flushAnswer();
    }

    private void flushAnswer() {
        try {
            if (!write(out, null, 0)) {
                writeInterest(true);
                return;
            }
        } catch (IOException e) {
            close();
            return;
        }
        writeInterest(false);
        out = loop.buffers().give(out);
        if (closeAfterAnswer) {
            close();
        } else {
            nextRequest();
        }
    }

    /** The exchange is over and its response was written whole. */
    void exchangeEnded(int status, long bodyBytes, boolean keepAlive) {
        forwarding = false;
        exchangeOver();
        ended(status, bodyBytes);
        if (keepAlive) {
            nextRequest();
        } else {
            close();
        }
    }

    /** The limits of the generation the current request runs on. */
    HttpLimits limits() {
        return routes.limits();
    }

    EngineListener listener() {
        return listener;
    }

    /** Whether the current request lets the connection stay open after its response: it asks to, and is not the last. */
    boolean keepAlive() {
        return request().keepAlive() && !lastRequest;
    }

    /** What the Connection field of a kept response says: nothing for HTTP/1.1, keep-alive for HTTP/1.0. */
    byte[] keepAliveOption() {
        return request().version() == Http1Version.HTTP_1_0 ? Responses.KEEP_ALIVE : null;
    }

    private void ended(int status, long bodyBytes) {
        long durationNanos = System.nanoTime() - startNanos;
        routes.requests().update(durationNanos, TimeUnit.NANOSECONDS);
        if (status >= 500) {
            routes.errors().mark();
        }
        // no record, no clock reading and no target String per request while the access log is off
        if (headParsed && routes.accessLog() != AccessLog.OFF) {
            ParsedRequest view = view();
            AccessRecord.Builder record = AccessRecord.builder()
                    .start(Instant.now().minusNanos(durationNanos))
                    .client(view.remoteAddress())
                    .listener(listener.name())
                    .request(view.method(), request().target(), request().version() == Http1Version.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1")
                    .response(status, bodyBytes, durationNanos)
                    .headers(view.header("Referer"), view.header("User-Agent"));
            routes.accessLog().record((upstream == null ? record : upstream.addTo(record)).build());
        }
    }

    private void nextRequest() {
        if (listener.draining()) {
            close();
            return;
        }
        request = loop.requestStates().give(request);
        readInterest(true);
        deadline.arm(listener.idleMillis());
        if (in != null && in.hasRemaining()) {
            serve();
        } else {
            releaseInputIfEmpty();
        }
    }

    @Override
    public void failed(Exception e) {
        if (forwarding) {
            exchange.clientClosed();
        }
        close();
    }

    /** Closes the connection when it waits for a request that has not started. */
    void closeIfIdle() {
        if (!forwarding && request == null && out == null) {
            close();
        }
    }

    /** The exchange turned into a tunnel (a 101 answer): counted until the connection closes. */
    void tunnelOpened() {
        tunnel = true;
        listener.tunnels().opened();
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (tunnel) {
            listener.tunnels().closed();
        }
        deadline.disarm();
        out = loop.buffers().give(out);
        if (!forwarding) {
            // an exchange cut short may still read its request: then the state goes to the collector with it
            request = loop.requestStates().give(request);
        }
        closeChannel();
        listener.connectionClosed(this);
    }

    boolean closed() {
        return closed;
    }
}
