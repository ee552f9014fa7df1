package io.junction.server.proxy;

import io.junction.api.Outcome;
import io.junction.core.affinity.StickyRequest;
import io.junction.core.forward.ForwardAttempt;
import io.junction.core.forward.PendingConnect;
import io.junction.core.forward.ProxyError;
import io.junction.core.forward.Upstream;
import io.junction.core.forward.UpstreamPolicy;
import io.junction.core.pool.Pool;
import io.junction.core.pool.PoolMember;
import io.junction.server.engine.http1.BodyFraming;
import io.junction.server.engine.http1.ChunkedScanner;
import io.junction.server.engine.http1.HeadEdits;
import io.junction.server.engine.http1.HeadWriter;
import io.junction.server.engine.http1.HeaderFields;
import io.junction.server.engine.http1.Http1Limits;
import io.junction.server.engine.http1.ParseResult;
import io.junction.server.engine.http1.RequestHeadParser;
import io.junction.server.engine.http1.RequestMethod;
import io.junction.server.engine.http1.ResponseHeadParser;
import io.junction.server.http.ExchangeHead;
import io.junction.server.http.ExchangeRequestView;
import io.junction.server.http.ForwardingHandler;
import io.junction.server.http.RespondHandler;
import io.junction.server.logging.AccessLogHandler;
import io.junction.server.logging.UpstreamTrace;
import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpAttachments;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Protocols;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.ConduitStreamSinkChannel;

import java.io.IOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One Undertow exchange (HTTP/1.x or an HTTP/2 stream) forwarded over the Undertow engine's own backend side, on the
 * exchange's I/O thread: the {@link Upstream} seam under {@link ForwardAttempt}, which decides (backend, retries,
 * 502/503/504). This moves bytes with the own engine's rules: the request head written once by {@link HeadWriter} from
 * the head Undertow parsed, the response head parsed strictly by {@link ResponseHeadParser} (malformed: 502, connection
 * dropped), the body framed by its fields and streamed both ways with backpressure, 1xx relayed, a 101 turned into a
 * {@link Tunnel}. The response timeout counts from the end of the request body.
 */
final class ForwardedExchange implements Upstream<BackendLink> {

    private static final HttpString PROXY_STATUS = HttpString.tryFromString(ProxyError.FIELD);
    /** Undertow's parser and StrictRequestHandler checked the listener's limits; these only bound the copy. */
    private static final Http1Limits REQUEST_LIMITS = new Http1Limits(64 * 1024, 1024 * 1024, 10_000);
    private static final Http1Limits RESPONSE_LIMITS = Http1Limits.DEFAULTS;
    /** Handlers run on I/O threads, one request at a time each: one parser per thread writes every head. */
    private static final ThreadLocal<RequestHeadParser> REQUEST_HEADS = ThreadLocal.withInitial(() -> new RequestHeadParser(REQUEST_LIMITS));
    /** Room for a chunk's size line ahead of its data: 16 hex digits and CRLF. */
    private static final int CHUNK_HEAD = 18;
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};

    private final HttpServerExchange exchange;
    private final Pool pool;
    private final UpstreamPolicy policy;
    private final BackendLinks links;
    private final Deadlines deadlines;
    private final ByteBufferPool buffers;
    private final ForwardAttempt<BackendLink> attempt;
    private final UpstreamTrace trace;
    private final byte[] head;
    /** The request body goes to the backend chunked (it came chunked, or as HTTP/2 DATA of unknown length). */
    private final boolean chunkedBody;
    /** A request without a body can be written again from its head: the attempt may resend it. */
    private final boolean withoutBody;
    private final ResponseHeadParser response = new ResponseHeadParser(RESPONSE_LIMITS);
    private final ResponseDeadline responseDeadline;
    private RequestMethod method;
    private ChunkedScanner chunks;
    private Connect connect;
    private BackendLink link;
    private PooledByteBuffer toBackendPooled;
    private ByteBuffer toBackend;
    private StreamSourceChannel requestChannel;
    private StreamSinkChannel responseChannel;
    private long bodyLeft;
    private boolean reused;
    private boolean backendSpoke;
    private boolean requestEnded;
    private boolean requestSent;
    private boolean headReceived;
    /** Junction ended the exchange: the backend's response went through, or Junction answered. */
    private boolean ended;
    private boolean clientLeft;

    ForwardedExchange(HttpServerExchange exchange, Pool pool, UpstreamPolicy policy, BackendLinks links, Deadlines deadlines) {
        this.exchange = exchange;
        this.pool = pool;
        this.policy = policy;
        this.links = links;
        this.deadlines = deadlines;
        this.buffers = exchange.getConnection().getByteBufferPool();
        HeaderMap received = exchange.getRequestHeaders();
        boolean h2 = Protocols.HTTP_2_0.equals(exchange.getProtocol());
        boolean framed = received.contains(Headers.CONTENT_LENGTH) || received.contains(Headers.TRANSFER_ENCODING);
        // HTTP/2 frames a body itself: the backend is told one follows when its length is unknown
        boolean unframedBody = h2 && !framed && !exchange.isRequestComplete();
        this.chunkedBody = unframedBody || received.contains(Headers.TRANSFER_ENCODING);
        this.withoutBody = !chunkedBody && exchange.getRequestContentLength() <= 0;
        StringBuilder extra = new StringBuilder();
        if (unframedBody) {
            extra.append("Transfer-Encoding: chunked");
        }
        if (h2 && !received.contains(Headers.HOST) && exchange.getHostAndPort() != null) {
            extra.append(extra.isEmpty() ? "" : "\r\n").append("Host: ").append(exchange.getHostAndPort());
        }
        this.head = ExchangeHead.of(exchange, h2 ? "HTTP/1.1" : exchange.getProtocol().toString(),
                extra.isEmpty() ? null : extra.toString());
        this.attempt = new ForwardAttempt<>(pool, policy, ExchangeRequestView.of(exchange), this);
        this.trace = new UpstreamTrace(pool.name());
        this.responseDeadline = new ResponseDeadline();
        AccessLogHandler.trace(exchange, trace);
    }

    void start() {
        exchange.addExchangeCompleteListener((ex, next) -> {
            exchangeEnded();
            next.proceed();
        });
        attempt.start();
    }

    // ---- the Upstream seam

    @Override
    public void connect(PendingConnect<BackendLink> pending) {
        PoolMember member = pending.lease().member();
        trace.connecting(member.id());
        BackendLinks.Key key = links.key(member, pool.spec().tls());
        if (key == null) {
            pending.unresolved();
            return;
        }
        BackendLink pooled = links.take(exchange.getIoThread(), key);
        reused = pooled != null;
        if (pooled != null) {
            pending.connected(pooled);
            return;
        }
        connect = new Connect(pending);
        connect.start(key, member.uri().getHost());
    }

    @Override
    public void send(ForwardAttempt<BackendLink> attempt, BackendLink connection) {
        connect = null;
        link = connection;
        headReceived = false;
        backendSpoke = false;
        requestSent = false;
        RequestHeadParser parser = REQUEST_HEADS.get();
        parser.reset();
        if (parser.parse(ByteBuffer.wrap(head)) != ParseResult.DONE) {
            String violation = parser.violation();
            parser.release();
            abandonRequest(400, "bad request: " + violation + "\n");
            return;
        }
        method = parser.method();
        HeadEdits edits = new HeadEdits();
        ForwardingHandler.writeTo(exchange, edits);
        toBackendPooled = buffers.allocate();
        toBackend = toBackendPooled.getBuffer().clear();
        try {
            HeadWriter.request(parser, null, toBackend, edits);
        } catch (BufferOverflowException tooLarge) {
            toBackend = ByteBuffer.allocate(2 * head.length + 4096);
            HeadWriter.request(parser, null, toBackend, edits);
        }
        parser.release();
        toBackend.flip();
        response.reset(method);
        ConduitStreamSinkChannel sink = link.connection().getSinkChannel();
        sink.getWriteSetter().set(channel -> pumpRequest());
        link.connection().getSourceChannel().getReadSetter().set(channel -> backendReadable());
        link.connection().getSourceChannel().resumeReads();
        pumpRequest();
    }

    @Override
    public void execute(Runnable task) {
        exchange.getIoThread().execute(task);
    }

    /** A sticky pool's store answered on its own thread: go on on the exchange's I/O thread. */
    @Override
    public void resume(Runnable task) {
        exchange.getIoThread().execute(task);
    }

    @Override
    public void schedule(Runnable task, long millis) {
        exchange.getIoThread().executeAfter(task, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void answer(ProxyError error, String message) {
        answer(error, message, -1);
    }

    @Override
    public void unavailable(ProxyError error, long retryAfterSeconds, String message) {
        answer(error, message, retryAfterSeconds);
    }

    @Override
    public void abandonTry() {
        discardLink();
    }

    private void answer(ProxyError error, String message, long retryAfterSeconds) {
        int status = error.status();
        trace.answered(status, message);
        discardLink();
        if (ended || clientLeft || exchange.isComplete()) {
            ended = true;
            return;
        }
        ended = true;
        if (exchange.isResponseStarted() || responseChannel != null) {
            // the client has part of a response already: all that is left is to cut it off
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        HeaderMap headers = exchange.getResponseHeaders();
        headers.clear();
        if (retryAfterSeconds >= 0) {
            headers.put(Headers.RETRY_AFTER, retryAfterSeconds);
        }
        headers.put(PROXY_STATUS, error.fieldValue());
        RespondHandler.send(exchange, status, message);
    }

    // ---- request: client -> backend

    private void pumpRequest() {
        if (link == null || ended || requestSent) {
            return;
        }
        ConduitStreamSinkChannel sink = link.connection().getSinkChannel();
        try {
            while (true) {
                if (toBackend.hasRemaining()) {
                    sink.write(toBackend);
                    if (toBackend.hasRemaining()) {
                        sink.resumeWrites();
                        if (requestChannel != null) {
                            requestChannel.suspendReads();
                        }
                        return;
                    }
                }
                if (withoutBody || requestEnded) {
                    if (!sink.flush()) {
                        sink.resumeWrites();
                        return;
                    }
                    sink.suspendWrites();
                    requestWritten();
                    return;
                }
                if (!readBody()) {
                    if (!sink.flush()) {
                        sink.resumeWrites();
                        return;
                    }
                    sink.suspendWrites();
                    if (requestChannel != null && !ended) {
                        requestChannel.resumeReads();
                    }
                    return;
                }
            }
        } catch (IOException e) {
            backendFailed();
        }
    }

    /** The whole request is with the backend: it cannot be expected to answer sooner. */
    private void requestWritten() {
        requestSent = true;
        releaseToBackend();
        if (!headReceived) {
            responseDeadline.start();
        }
    }

    /**
     * Reads the next piece of the request body into {@link #toBackend}, framed as a chunk when the backend gets it
     * chunked.
     *
     * @return false when none is ready (reads resumed by the caller), or when the client broke it off
     */
    private boolean readBody() {
        if (requestChannel == null) {
            requestChannel = exchange.getRequestChannel();
            if (requestChannel == null) {
                requestEnded = true;
                toBackend.clear().flip();
                return true;
            }
            requestChannel.getReadSetter().set(channel -> pumpRequest());
        }
        ByteBuffer b = toBackend.clear();
        if (chunkedBody) {
            b.position(CHUNK_HEAD).limit(b.capacity() - CRLF.length);
        }
        int n;
        try {
            n = requestChannel.read(b);
        } catch (IOException broken) {
            b.clear().flip();
            clientBrokeBody();
            return false;
        }
        if (n == 0) {
            b.clear().flip();
            return false;
        }
        if (n < 0) {
            requestEnded = true;
            b.clear();
            if (chunkedBody) {
                b.put(LAST_CHUNK);
            }
            b.flip();
            return true;
        }
        if (!chunkedBody) {
            b.flip();
            return true;
        }
        byte[] size = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        b.limit(b.capacity()).put(CRLF);
        int limit = b.position();
        b.position(CHUNK_HEAD - size.length);
        b.put(size).position(CHUNK_HEAD - size.length).limit(limit);
        return true;
    }

    /** The client left or broke its body off after the head went to the backend: not the backend's doing. */
    private void clientBrokeBody() {
        attempt.sent().end(Outcome.ABANDONED);
        clientLeft = true;
        discardLink();
        IoUtils.safeClose(exchange.getConnection());
    }

    /** The request cannot be written as received: answered, and the backend connection not used. */
    private void abandonRequest(int status, String reason) {
        attempt.sent().end(Outcome.ABANDONED);
        discardLink();
        ended = true;
        exchange.setPersistent(false);
        RespondHandler.send(exchange, status, reason);
    }

    // ---- response: backend -> client

    private void backendReadable() {
        while (link != null && !ended && !clientLeft) {
            if (headReceived) {
                relayBody();
                return;
            }
            ByteBuffer in = link.in();
            if (in != null && in.hasRemaining() && !receiveHead()) {
                return;
            }
            if (!headReceived && !readMore()) {
                return;
            }
        }
    }

    /** @return true when more bytes came, false when none are ready (reads resumed) or the input ended (handled) */
    private boolean readMore() {
        int n;
        try {
            n = link.read(buffers);
        } catch (IOException e) {
            n = -1;
        }
        if (n > 0) {
            backendSpoke = true;
            return true;
        }
        if (n == 0) {
            link.releaseInputIfEmpty();
            link.connection().getSourceChannel().resumeReads();
            return false;
        }
        backendEnded();
        return false;
    }

    /** @return false when the head is not complete yet or the exchange went another way (retried, malformed, no body) */
    private boolean receiveHead() {
        while (true) {
            ParseResult result = response.parse(link.in());
            if (result == ParseResult.NEED_MORE) {
                return true;
            }
            if (result == ParseResult.ERROR) {
                attempt.malformedResponse();
                return false;
            }
            if (!response.interim()) {
                break;
            }
            if (response.status() == 100 && HttpContinue.requiresContinueResponse(exchange)) {
                // Undertow sends a 1xx only to a client that asked for 100 Continue; other interim heads are dropped
                HttpContinue.sendContinueResponse(exchange, CONTINUE_SENT);
            }
            response.reset(method);
        }
        if (withoutBody && attempt.retriesAnswer(response.status(), this::discardTry)) {
            return false;
        }
        responseDeadline.cancel();
        headReceived = true;
        attempt.responseStarted(response.status());
        exchange.setStatusCode(response.status());
        copyHead();
        if (response.tunnel()) {
            upgrade();
            return false;
        }
        BodyFraming framing = response.framing();
        if (framing == BodyFraming.NONE || framing == BodyFraming.LENGTH && response.contentLength() == 0) {
            finish();
            return false;
        }
        bodyLeft = response.contentLength();
        if (framing == BodyFraming.CHUNKED) {
            if (chunks == null) {
                chunks = new ChunkedScanner(RESPONSE_LIMITS);
            }
            chunks.reset();
        }
        return true;
    }

    private static final IoCallback CONTINUE_SENT = new IoCallback() {
        @Override
        public void onComplete(HttpServerExchange exchange, Sender sender) {
        }

        @Override
        public void onException(HttpServerExchange exchange, Sender sender, IOException exception) {
            IoUtils.safeClose(exchange.getConnection());
        }
    };

    /** The response head's fields without hop-by-hop ones (HeadWriter's rule); Undertow frames the body itself. */
    private void copyHead() {
        HeaderMap out = exchange.getResponseHeaders();
        HeaderFields fields = response.headers();
        for (int i = 0; i < fields.count(); i++) {
            if (HeadWriter.passesOn(response, i) && !fields.nameIs(i, "transfer-encoding")) {
                out.add(HttpString.tryFromString(fields.name(i)), fields.value(i));
            }
        }
        if (response.status() == 101) {
            out.put(Headers.CONNECTION, Headers.UPGRADE_STRING);
        } else if (response.framing() == BodyFraming.CHUNKED && !Protocols.HTTP_2_0.equals(exchange.getProtocol())) {
            // a chunked response stays chunked (trailers included); else Undertow would end it by a close
            out.put(Headers.TRANSFER_ENCODING, Headers.CHUNKED.toString());
        }
        StickyRequest sticky = attempt.sticky();
        if (sticky != null) {
            if (sticky.learns()) {
                for (int i = 0; i < fields.count(); i++) {
                    if (fields.nameIs(i, "set-cookie")) {
                        sticky.learn(fields.value(i));
                    }
                }
            }
            String cookie = sticky.setCookie();
            if (cookie != null) {
                out.add(Headers.SET_COOKIE, cookie);
            }
        }
    }

    /** Passes body bytes on as they come, framing taken off; stops when the client is full or the input is. */
    private void relayBody() {
        BodyFraming framing = response.framing();
        while (link != null && !ended && !clientLeft) {
            ByteBuffer in = link.in();
            if (in != null && in.hasRemaining()) {
                long take;
                if (framing == BodyFraming.CHUNKED && chunks.dataLeft() == 0) {
                    ParseResult result = chunks.scanFraming(in);
                    if (result == ParseResult.ERROR) {
                        attempt.malformedResponse();
                        return;
                    }
                    if (result == ParseResult.DONE) {
                        trailers();
                        finish();
                        return;
                    }
                    continue;
                }
                take = switch (framing) {
                    case CHUNKED -> Math.min(chunks.dataLeft(), in.remaining());
                    case LENGTH -> Math.min(bodyLeft, in.remaining());
                    default -> in.remaining();
                };
                if (responseChannel == null) {
                    // taken at the first byte: until then a broken body can still be answered 502 whole
                    responseChannel = exchange.getResponseChannel();
                    responseChannel.getWriteSetter().set(channel -> clientWritable());
                }
                int limit = in.limit();
                in.limit(in.position() + (int) take);
                int written;
                try {
                    written = responseChannel.write(in);
                } catch (IOException e) {
                    in.limit(limit);
                    clientGone();
                    return;
                } finally {
                    if (in.limit() != limit) {
                        in.limit(limit);
                    }
                }
                if (framing == BodyFraming.CHUNKED) {
                    chunks.skipData(written);
                } else {
                    bodyLeft -= written;
                }
                if (framing == BodyFraming.LENGTH && bodyLeft == 0) {
                    finish();
                    return;
                }
                if (written < take) {
                    // the client reads slower than the backend sends: the backend waits
                    link.connection().getSourceChannel().suspendReads();
                    responseChannel.resumeWrites();
                    return;
                }
                continue;
            }
            if (!readMore()) {
                return;
            }
        }
    }

    private void clientWritable() {
        if (ended) {
            flushResponse();
            return;
        }
        responseChannel.suspendWrites();
        if (link != null) {
            link.connection().getSourceChannel().resumeReads();
            relayBody();
        }
    }

    /** Trailers of a chunked response go on with the response's end. */
    private void trailers() {
        HeaderFields fields = chunks.trailers();
        if (fields.count() == 0) {
            return;
        }
        HeaderMap trailers = new HeaderMap();
        for (int i = 0; i < fields.count(); i++) {
            trailers.add(HttpString.tryFromString(fields.name(i)), fields.value(i));
        }
        exchange.putAttachment(HttpAttachments.RESPONSE_TRAILERS, trailers);
    }

    private void backendEnded() {
        if (headReceived && response.framing() == BodyFraming.UNTIL_CLOSE) {
            finish();
            return;
        }
        backendFailed();
    }

    /**
     * The backend broke. Before its response started, a request without a body can be written again from its head,
     * so the attempt may resend it elsewhere; otherwise it is a 502.
     */
    private void backendFailed() {
        if (ended || clientLeft) {
            return;
        }
        boolean resendable = !headReceived && withoutBody;
        boolean staleConnection = reused && !backendSpoke;
        if (resendable) {
            discardTry();
        }
        attempt.backendBroke(resendable, staleConnection);
    }

    /** The response went through whole: the connection is kept when its framing and both sides allow it. */
    private void finish() {
        ended = true;
        responseDeadline.cancel();
        trace.ended();
        boolean reusable = response.keepAlive() && requestSent && !link.holdsInput();
        if (reusable) {
            link.releaseInputIfEmpty();
            links.offer(link);
        } else {
            link.close();
        }
        link = null;
        if (responseChannel == null) {
            exchange.endExchange();
            return;
        }
        try {
            responseChannel.shutdownWrites();
        } catch (IOException e) {
            clientGone();
            return;
        }
        flushResponse();
    }

    private void flushResponse() {
        try {
            if (responseChannel.flush()) {
                responseChannel.suspendWrites();
                exchange.endExchange();
            } else {
                responseChannel.resumeWrites();
            }
        } catch (IOException e) {
            IoUtils.safeClose(exchange.getConnection());
        }
    }

    /** A 101: from here on the exchange's connection and the backend's carry opaque bytes both ways. */
    private void upgrade() {
        ended = true;
        trace.ended();
        BackendLink tunnel = link;
        link = null;
        tunnel.connection().getSourceChannel().suspendReads();
        exchange.upgradeChannel((connection, ex) -> {
            Tunnel.open(connection, tunnel, tunnel.in(), buffers);
            tunnel.releaseInputIfEmpty();
        });
        exchange.endExchange();
    }

    /** The client cannot take the response: its connection and the backend's are closed. */
    private void clientGone() {
        clientLeft = true;
        discardLink();
        attempt.clientLeft();
        IoUtils.safeClose(exchange.getConnection());
    }

    /** Undertow completed the exchange: after Junction's own end, or because the client left (a reset stream). */
    private void exchangeEnded() {
        responseDeadline.cancel();
        if (ended) {
            attempt.completed();
            return;
        }
        trace.ended();
        if (!clientLeft) {
            clientLeft = true;
            if (connect != null) {
                connect.abandon();
            } else if (attempt.sent() != null) {
                attempt.clientLeft();
            }
        }
        discardLink();
    }

    /** Drops the backend of a try that will not answer the client, ready to send the request again. */
    private void discardTry() {
        responseDeadline.cancel();
        discardLink();
        requestSent = false;
    }

    private void discardLink() {
        if (link != null) {
            link.close();
            link = null;
        }
        releaseToBackend();
    }

    private void releaseToBackend() {
        if (toBackendPooled != null) {
            toBackendPooled.close();
            toBackendPooled = null;
        }
        toBackend = null;
    }

    /** Time allowed from the end of the request to the start of the backend's response. */
    private final class ResponseDeadline extends Deadlines.Deadline {
        ResponseDeadline() {
            super(deadlines, exchange.getIoThread());
        }

        void start() {
            arm(policy.tryTimeout().toMillis());
        }

        void cancel() {
            disarm();
        }

        @Override
        void expired() {
            if (ended || clientLeft || headReceived || link == null) {
                return;
            }
            if (withoutBody) {
                discardTry();
                attempt.timedOutResendable();
            } else {
                attempt.responseTimedOut();
            }
        }
    }

    /** One connect to one backend, bounded by the connect timeout; what comes after that is not the request's. */
    private final class Connect extends Deadlines.Deadline implements BackendLinks.Opening {
        private final PendingConnect<BackendLink> pending;
        private boolean over;

        Connect(PendingConnect<BackendLink> pending) {
            super(deadlines, exchange.getIoThread());
            this.pending = pending;
        }

        void start(BackendLinks.Key key, String host) {
            arm(policy.connectTimeout().toMillis());
            links.open(exchange.getIoThread(), key, host, this);
        }

        @Override
        void expired() {
            settle(pending::timedOut);
        }

        @Override
        public void opened(BackendLink opened) {
            disarm();
            if (over) {
                // it came too late for this request: the next one to the backend may have it
                links.offer(opened);
                return;
            }
            over = true;
            pending.connected(opened);
        }

        @Override
        public void failed() {
            disarm();
            settle(pending::failed);
        }

        @Override
        public void full() {
            disarm();
            settle(pending::noConnectionLeft);
        }

        /** The client left while connecting: the backend is not to blame. */
        void abandon() {
            disarm();
            settle(pending::abandoned);
        }

        /** The connect's first outcome is the one the request gets; a later one (a timer racing a failure) is dropped. */
        private void settle(Runnable outcome) {
            if (!over) {
                over = true;
                outcome.run();
            }
        }
    }
}
