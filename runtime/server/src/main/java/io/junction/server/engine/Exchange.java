package io.junction.server.engine;

import io.junction.api.Outcome;
import io.junction.api.RequestView;
import io.junction.core.affinity.StickyRequest;
import io.junction.core.forward.ForwardAttempt;
import io.junction.core.forward.PendingConnect;
import io.junction.core.forward.ProxyError;
import io.junction.core.forward.Upstream;
import io.junction.core.forward.UpstreamPolicy;
import io.junction.core.pool.PoolMember;
import io.junction.server.engine.http1.BodyFraming;
import io.junction.server.engine.http1.HeadEdits;
import io.junction.server.engine.http1.HeadWriter;
import io.junction.server.engine.http1.HeaderFields;
import io.junction.server.engine.http1.Http1Limits;
import io.junction.server.engine.http1.ParseResult;
import io.junction.server.engine.http1.RequestHeadParser;
import io.junction.server.engine.http1.ResponseHeadParser;
import io.junction.server.logging.UpstreamTrace;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * One forwarded request at a time, of whichever client connection took it from its loop's {@link ExchangePool}
 * (an idle keep-alive connection holds none): the engine's side of the
 * {@link Upstream} seam. {@link ForwardAttempt} decides (backend, retries, 502/504); this moves bytes:
 * the request head written once with the forwarding rules, bodies passed through both ways straight
 * from the reading side's buffer with backpressure, the response head parsed and passed on, 1xx
 * relayed, a 101 turned into a tunnel. A malformed response is a 502 and its connection is dropped. A client that
 * pauses its request body longer than the body read gap gets 408, one that leaves the response unread longer than
 * the write gap is closed: neither is the backend's doing.
 */
final class Exchange implements Upstream<BackendConnection> {

    private final EventLoop loop;
    private final Http1Limits limits;
    private ClientConnection client;
    private RequestHeadParser request;
    private ParsedRequest view;
    private final ResponseHeadParser response;
    private final BodyRelay requestBody;
    private final BodyRelay responseBody;
    private final Deadline responseDeadline;
    private final Deadline tunnelIdle;
    private final Deadline bodyReadGap;
    private final Deadline responseWriteGap;
    private long tunnelIdleMillis;
    /** Made once: a method reference written where it is passed would be a new object per response. */
    private final Runnable discardTry = this::discardTry;
    private long bodyReadGapMillis;
    private long responseWriteGapMillis;
    /** When bytes last went through the tunnel either way (System.nanoTime). */
    private long tunnelTraffic;
    /** When a byte of the request body last went on to the backend, and when the client last took response bytes. */
    private long bodyProgress;
    private long writeProgress;
    /** The client's socket took less than it was offered: the response waits for the client to read. */
    private boolean clientFull;
    private ForwardAttempt<BackendConnection> attempt;
    private PendingConnect<BackendConnection> pending;
    private UpstreamPolicy policy;
    private UpstreamTrace trace;
    /** Response body bytes passed to the client. */
    private long bodyBytes;
    private RouteAction.Forward route;
    private final HeadEdits requestEdits = new HeadEdits();
    private final HeadEdits responseEdits = new HeadEdits();
    /** The backend connection being connected, or the one the request went to. */
    private BackendConnection backend;
    private ByteBuffer toBackend;
    private ByteBuffer toClient;
    private boolean active;
    private boolean sending;
    private boolean requestSent;
    private boolean headReceived;
    /** Bytes of the final response head may have reached the client: a clean error answer is no longer possible. */
    private boolean responseCommitted;
    private boolean backendEnded;
    private boolean tunnel;
    private boolean clientKeepAlive;
    /** The backend connection came from the keep-alive pool. */
    private boolean reused;
    /** Some byte of a response arrived on the backend connection since the request was sent. */
    private boolean backendSpoke;
    /** The request head, or the response head, waits for the end of the loop's turn to be written. */
    private boolean requestAfterTurn;
    private boolean responseAfterTurn;

    /** @param limits the head limits of the listeners whose responses this parses */
    Exchange(EventLoop loop, Http1Limits limits) {
        this.loop = loop;
        this.limits = limits;
        this.response = new ResponseHeadParser(limits);
        this.requestBody = new BodyRelay(limits);
        this.responseBody = new BodyRelay(limits);
        this.responseDeadline = new Deadline(loop.deadlines(), this::responseTimedOut);
        this.tunnelIdle = new Deadline(loop.deadlines(), this::tunnelIdleCheck);
        this.bodyReadGap = new Deadline(loop.deadlines(), this::bodyReadGapCheck);
        this.responseWriteGap = new Deadline(loop.deadlines(), this::responseWriteGapCheck);
    }

    /** Forwards the request {@code client} parsed, by the route's rules. */
    void start(ClientConnection client, RouteAction.Forward forward, UpstreamTrace trace) {
        this.client = client;
        request = client.request();
        view = client.view();
        tunnelIdleMillis = client.listener().tunnelIdleMillis();
        this.trace = trace;
        bodyBytes = 0;
        active = true;
        sending = false;
        requestSent = false;
        headReceived = false;
        responseCommitted = false;
        backendEnded = false;
        tunnel = false;
        clientFull = false;
        // a write put off for the exchange before (it ended in the same turn) has nothing left to write
        requestAfterTurn = false;
        responseAfterTurn = false;
        bodyReadGapMillis = client.limits().bodyReadGap().toMillis();
        responseWriteGapMillis = client.limits().responseWriteGap().toMillis();
        policy = forward.policy();
        route = forward;
        requestEdits.clear();
        forward.requestEdits().apply(view.path(), requestEdits);
        view.writeForwarding(requestEdits);
        requestBody.start(request.framing(), request.contentLength());
        attempt = attempt != null && attempt.reusable() ? attempt.restart(forward.pool(), policy, view)
                : new ForwardAttempt<>(forward.pool(), policy, view, this);
        attempt.start();
    }

    Http1Limits limits() {
        return limits;
    }

    /** Whether another request may take this: it ended, and nothing (a session store, a connection queue) can call back. */
    boolean reusable() {
        return !active && backend == null && (attempt == null || attempt.reusable());
    }

    /** Back in the pool: keeps nothing of its last connection but the attempt's view, replaced at the next start. */
    Exchange released() {
        client = null;
        request = null;
        view = null;
        trace = null;
        route = null;
        policy = null;
        pending = null;
        return this;
    }

    // ---- the Upstream seam

    @Override
    public void connect(PendingConnect<BackendConnection> connect) {
        pending = connect;
        PoolMember member = connect.lease().member();
        trace.connecting(member.id());
        BackendConnection pooled = loop.backends().take(member.id());
        reused = pooled != null;
        if (pooled != null) {
            pooled.busy(this);
            backend = pooled;
            connect.connected(pooled);
            return;
        }
        InetSocketAddress address = loop.backends().address(member);
        if (address == null) {
            backend = null;
            connect.unresolved();
            return;
        }
        backend = new BackendConnection(loop, member.id());
        try {
            backend.connect(address, this, policy.connectTimeout().toMillis());
        } catch (IOException e) {
            backend.close();
            connectFailed();
        }
    }

    @Override
    public void send(ForwardAttempt<BackendConnection> attempt, BackendConnection connection) {
        sending = true;
        toBackend = loop.buffers().take().clear();
        byte[] target = view.backendTarget(requestEdits.path());
        try {
            HeadWriter.request(request, target, toBackend, requestEdits);
        } catch (BufferOverflowException tooLarge) {
            toBackend = ByteBuffer.allocate(2 * limits.maxHeadBytes() + 1024);
            HeadWriter.request(request, target, toBackend, requestEdits);
        }
        toBackend.flip();
        response.reset(request.method());
        backendSpoke = false;
        if (!requestBody.complete()) {
            bodyProgress = System.nanoTime();
            bodyReadGap.arm(bodyReadGapMillis);
        }
        if (!requestAfterTurn) {
            requestAfterTurn = true;
            loop.forwardAfterTurn(this);
        }
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public void schedule(Runnable task, long millis) {
        new Deadline(loop.deadlines(), task).arm(millis);
    }

    @Override
    public void answer(ProxyError error, String message) {
        answer(error, message, Responses.ascii(proxyStatus(error)));
    }

    /** A sticky pool's store answered on its own thread: go on here, unless the client left meanwhile. */
    @Override
    public void resume(Runnable task) {
        loop.execute(() -> {
            if (active) {
                task.run();
            }
        });
    }

    @Override
    public void unavailable(ProxyError error, long retryAfterSeconds, String message) {
        answer(error, message, Responses.ascii("Retry-After: " + retryAfterSeconds + "\r\n" + proxyStatus(error)));
    }

    private static String proxyStatus(ProxyError error) {
        return ProxyError.FIELD + ": " + error.fieldValue();
    }

    /** @param fields the answer's extra header fields, {@code Name: value} lines joined by CRLF */
    private void answer(ProxyError error, String message, byte[] fields) {
        int status = error.status();
        trace.answered(status, message);
        stopClocks();
        discardBackend();
        boolean wasActive = active;
        active = false;
        if (!wasActive || client.closed()) {
            return;
        }
        if (responseCommitted || toClient != null && toClient.position() > 0) {
            // the client has part of a response already: all that is left is to cut it off
            client.close();
            return;
        }
        toClient = loop.buffers().give(toClient);
        response.forget();
        client.answer(status, Responses.utf8(message), client.keepAlive() && requestBody.complete(), fields);
    }

    // ---- connecting, reported by BackendConnection

    void connected(BackendConnection connection) {
        pending.connected(connection);
    }

    void connectFailed() {
        backend = null;
        pending.failed();
    }

    void connectTimedOut() {
        backend = null;
        pending.timedOut();
    }

    // ---- events

    void backendReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            pumpRequest();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0 && backend != null) {
            int reads = 0;
            do {
                backendReadable();
            } while (backend != null && backend.readAgain(++reads));
        }
    }

    /**
     * The backend broke. Before its response started, a request without a body can be written again from the
     * parsed head, so the attempt may resend it elsewhere; otherwise it is a 502.
     */
    void backendFailed() {
        if (!active) {
            return;
        }
        boolean resendable = !headReceived && withoutBody();
        boolean staleConnection = reused && !backendSpoke;
        if (resendable) {
            discardTry();
        }
        attempt.backendBroke(resendable, staleConnection);
    }

    /** A request without a body can be written again from the parsed head. */
    private boolean withoutBody() {
        return request.framing() == BodyFraming.NONE
                || request.framing() == BodyFraming.LENGTH && request.contentLength() == 0;
    }

    /** Drops the backend of a try that will not answer the client, ready to send the request again. */
    private void discardTry() {
        responseDeadline.disarm();
        discardBackend();
        requestSent = false;
        backendEnded = false;
        requestBody.start(request.framing(), request.contentLength());
    }

    void clientReadable() {
        if (sending && (tunnel || !requestBody.complete())) {
            pumpRequest();
        }
    }

    void clientWritable() {
        writeProgress = System.nanoTime();
        pumpResponse();
    }

    /** The client left: the backend is not to blame, and its connection (mid-exchange) cannot be reused. */
    void clientClosed() {
        if (!active) {
            return;
        }
        active = false;
        stopClocks();
        if (attempt.sent() != null) {
            attempt.clientLeft();
        } else if (pending != null) {
            pending.abandoned();
        }
        discardBackend();
        toClient = loop.buffers().give(toClient);
    }

    private void stopClocks() {
        responseDeadline.disarm();
        tunnelIdle.disarm();
        bodyReadGap.disarm();
        responseWriteGap.disarm();
    }

    /**
     * The request body paused longer than the body read gap: 408 and closed. A pause while bytes already read wait
     * for the backend to take them is the backend's (backpressure), so the gap counts from when it took the last.
     */
    private void bodyReadGapCheck() {
        if (!active || tunnel || requestBody.complete()) {
            return;
        }
        if (requestBody.judged() > 0) {
            bodyProgress = System.nanoTime();
        }
        if (bodyReadGap.rearmAfter(bodyProgress, bodyReadGapMillis)) {
            return;
        }
        client.listener().limitCount().bodyReadGap();
        abandonRequest(408, "request timeout: no byte of the request body for " + bodyReadGapMillis + " ms\n");
    }

    /** The client read nothing of the response for the write gap: closed, and the backend connection with it. */
    private void responseWriteGapCheck() {
        if (!active || !clientFull) {
            return;
        }
        if (responseWriteGap.rearmAfter(writeProgress, responseWriteGapMillis)) {
            return;
        }
        client.listener().limitCount().responseWriteGap();
        clientClosed();
        client.close();
    }

    /** Closes the tunnel at both ends once no byte went through it for the tunnel idle timeout. */
    private void tunnelIdleCheck() {
        if (!active || !tunnel) {
            return;
        }
        if (tunnelIdle.rearmAfter(tunnelTraffic, tunnelIdleMillis)) {
            return;
        }
        clientClosed();
        client.close();
    }

    private void responseTimedOut() {
        if (!active || headReceived) {
            return;
        }
        if (withoutBody()) {
            discardTry();
            attempt.timedOutResendable();
        } else {
            attempt.responseTimedOut();
        }
    }

    // ---- request: client -> backend

    private void pumpRequest() {
        if (!active || backend == null) {
            return;
        }
        ByteBuffer source = client.in;
        if (!requestBody.judge(source)) {
            requestBroken();
            return;
        }
        int before = source == null ? 0 : source.position();
        boolean all;
        try {
            all = backend.write(toBackend, source, requestBody.judged());
        } catch (IOException e) {
            backendFailed();
            return;
        }
        int passedOn = source == null ? 0 : source.position() - before;
        requestBody.passed(passedOn);
        if (passedOn > 0) {
            long now = System.nanoTime();
            if (tunnel) {
                tunnelTraffic = now;
            } else {
                bodyProgress = now;
            }
        }
        if (!all) {
            backend.writeInterest(true);
            client.readInterest(false);
            return;
        }
        toBackend = loop.buffers().give(toBackend);
        backend.writeInterest(false);
        client.readInterest(true);
        if (!tunnel && !requestSent && requestBody.complete()) {
            requestSent = true;
            if (!headReceived) {
                // the backend cannot be expected to answer before it has the whole body
                responseDeadline.arm(policy.tryTimeout().toMillis());
            }
        }
    }

    /** A chunked request body broke its syntax after the head went to the backend. */
    private void requestBroken() {
        abandonRequest(400, "bad request: " + requestBody.error() + "\n");
    }

    /** The client broke or stalled its request body after the head went to the backend: answered (if it can be) and closed. */
    private void abandonRequest(int status, String reason) {
        // the client's doing, not the backend's: a failure here would let clients eject backends
        attempt.sent().end(Outcome.ABANDONED);
        active = false;
        stopClocks();
        discardBackend();
        if (responseCommitted) {
            client.close();
        } else {
            toClient = loop.buffers().give(toClient);
            client.answer(status, Responses.utf8(reason), false);
        }
    }

    // ---- response: backend -> client

    private void backendReadable() {
        int n;
        try {
            n = backend.read();
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            backendEnded();
            return;
        }
        backendSpoke |= n > 0;
        if (headReceived) {
            pumpResponse();
        } else if ((receiveHead() || toClient != null) && !responseAfterTurn) {
            // a message's head (and what came with it) goes out after the loop's turn; the rest of a body as it comes
            responseAfterTurn = true;
            loop.respondAfterTurn(this);
        }
    }

    /**
     * The loop's turn ended: the head put off goes out now (a no-op if it went already or the exchange ended). An
     * exchange waits with one head at a time, on the loop's list of responses or of requests, which sets the order.
     */
    void turnEnded() {
        boolean request = requestAfterTurn;
        boolean response = responseAfterTurn;
        requestAfterTurn = false;
        responseAfterTurn = false;
        try {
            if (response) {
                pumpResponse();
            }
            if (request) {
                pumpRequest();
            }
        } catch (RuntimeException e) {
            // what the loop does with a connection whose event threw: let go of it and of its backend
            if (client != null) {
                client.failed(e);
            }
        }
    }

    /** @return true once the final response head is in and queued for the client */
    private boolean receiveHead() {
        while (true) {
            ParseResult result = response.parse(backend.in);
            if (result == ParseResult.NEED_MORE) {
                backend.releaseInputIfEmpty();
                return false;
            }
            if (result == ParseResult.ERROR) {
                attempt.malformedResponse();
                return false;
            }
            if (!response.interim()) {
                break;
            }
            // 100 Continue and friends go to the client as they come; the final response follows
            responseEdits.clear();
            queueHead(null);
            response.reset(request.method());
        }
        if (withoutBody() && attempt.retriesAnswer(response.status(), discardTry)) {
            return false;
        }
        responseDeadline.disarm();
        attempt.responseStarted(response.status());
        headReceived = true;
        tunnel = response.tunnel();
        if (tunnel) {
            responseBody.start(BodyFraming.UNTIL_CLOSE, -1);
            requestBody.start(BodyFraming.UNTIL_CLOSE, -1);
            client.tunnelOpened();
            tunnelTraffic = System.nanoTime();
            tunnelIdle.arm(tunnelIdleMillis);
        } else {
            responseBody.start(response.framing(), response.contentLength());
        }
        clientKeepAlive = client.keepAlive() && !tunnel && response.framing() != BodyFraming.UNTIL_CLOSE;
        responseEdits.clear();
        route.responseEdits().apply(responseEdits);
        addStickyCookie();
        queueHead(clientKeepAlive ? client.keepAliveOption() : Responses.CLOSE);
        return true;
    }

    /** A sticky pool learns the application's cookie from the response and may add its own to the response edits. */
    private void addStickyCookie() {
        StickyRequest sticky = attempt.sticky();
        if (sticky == null) {
            return;
        }
        if (sticky.learns()) {
            HeaderFields headers = response.headers();
            for (int i = 0; i < headers.count(); i++) {
                if (headers.nameIs(i, "set-cookie")) {
                    sticky.learn(headers.value(i));
                }
            }
        }
        String cookie = sticky.setCookie();
        if (cookie != null) {
            responseEdits.add("Set-Cookie", cookie);
        }
    }

    private void queueHead(byte[] connection) {
        if (toClient == null) {
            toClient = loop.buffers().take();
        }
        toClient.compact();
        try {
            HeadWriter.response(response, toClient, connection, responseEdits);
        } catch (BufferOverflowException tooLarge) {
            ByteBuffer larger = ByteBuffer.allocate(toClient.capacity() + 2 * limits.maxHeadBytes() + 1024);
            toClient.flip();
            loop.buffers().give(toClient);
            toClient = larger.put(toClient);
            HeadWriter.response(response, toClient, connection, responseEdits);
        }
        toClient.flip();
    }

    private void pumpResponse() {
        if (!active || backend == null) {
            return;
        }
        ByteBuffer source = backend.in;
        if (headReceived && !responseBody.judge(source)) {
            attempt.malformedResponse();
            return;
        }
        int count = headReceived ? responseBody.judged() : 0;
        int before = source == null ? 0 : source.position();
        responseCommitted |= headReceived;
        if (toClient != null && count > 0 && count <= toClient.capacity() - toClient.limit()) {
            // a body that fits behind the head goes out with it: one write instead of a gathering write of two
            int end = toClient.limit();
            toClient.limit(end + count).put(end, source, source.position(), count);
            source.position(source.position() + count);
            count = 0;
        }
        boolean all;
        try {
            all = client.write(toClient, source, count);
        } catch (IOException e) {
            clientClosed();
            client.close();
            return;
        }
        int passed = source == null ? 0 : source.position() - before;
        responseBody.passed(passed);
        bodyBytes += passed;
        if (tunnel && passed > 0) {
            tunnelTraffic = System.nanoTime();
        }
        if (!all) {
            client.writeInterest(true);
            backend.readInterest(false);
            if (!clientFull) {
                clientFull = true;
                writeProgress = System.nanoTime();
                responseWriteGap.arm(responseWriteGapMillis);
            }
            return;
        }
        clientFull = false;
        toClient = loop.buffers().give(toClient);
        client.writeInterest(false);
        backend.readInterest(!backendEnded);
        if (headReceived && responseBody.complete()) {
            finish();
        } else {
            backend.releaseInputIfEmpty();
        }
    }

    private void backendEnded() {
        backendEnded = true;
        backend.readInterest(false);
        if (headReceived && responseBody.endOfInput()) {
            pumpResponse();
        } else {
            backendFailed();
        }
    }

    private void finish() {
        trace.ended();
        active = false;
        stopClocks();
        boolean reusable = response.keepAlive() && requestSent && !backendEnded && !tunnel
                && (backend.in == null || !backend.in.hasRemaining());
        attempt.completed();
        if (reusable) {
            loop.backends().offer(backend);
        } else {
            backend.close();
        }
        backend = null;
        int status = response.status();
        // before the client's next request, which may start at once and reuse the parser
        response.forget();
        client.exchangeEnded(status, bodyBytes, clientKeepAlive && requestSent);
    }

    private void discardBackend() {
        if (backend != null) {
            backend.close();
            backend = null;
        }
        toBackend = loop.buffers().give(toBackend);
    }
}
