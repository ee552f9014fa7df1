package io.junction.server.proxy;

import io.junction.core.affinity.StickyRequest;
import io.junction.core.forward.ForwardAttempt;
import io.junction.core.forward.PendingConnect;
import io.junction.core.forward.ProxyError;
import io.junction.core.forward.Upstream;
import io.junction.core.forward.UpstreamPolicy;
import io.junction.core.model.RouteRetry;
import io.junction.core.pool.Pool;
import io.junction.server.http.ExchangeRequestView;
import io.junction.server.http.RespondHandler;
import io.junction.server.logging.AccessLogHandler;
import io.junction.server.logging.UpstreamTrace;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.ProxyCallback;
import io.undertow.server.handlers.proxy.ProxyClient;
import io.undertow.server.handlers.proxy.ProxyConnection;
import io.undertow.server.handlers.proxy.ProxyConnectionPool;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import org.xnio.IoUtils;

import java.util.concurrent.TimeUnit;

/**
 * The engine behind Undertow's ProxyHandler for one pool: {@link ForwardAttempt} decides (which backend,
 * retries, 502/504), this moves the exchange: connects through the backend's keep-alive pool under a connect
 * deadline, hands the connection to ProxyHandler, and watches the response deadline and the end of the exchange.
 * ProxyHandler asks again for a connection only when a request without a body failed before its response
 * started: that is {@link ForwardAttempt#failedResendable}, which decides whether to resend. When the route may retry
 * answers or timeouts, a request without a body is sent as a {@link RetriableTry}: a 502/503/504 to be retried
 * never reaches ProxyHandler, and a try past its per-try timeout is dropped and {@link ForwardAttempt#timedOutResendable}.
 */
public final class PoolProxyClient implements ProxyClient {

    private static final ProxyTarget TARGET = new ProxyTarget() {
    };
    private static final AttachmentKey<Forward> FORWARD = AttachmentKey.create(Forward.class);
    private static final HttpString PROXY_STATUS = HttpString.tryFromString(ProxyError.FIELD);

    private final Pool pool;
    private final BackendConnections connections;
    private final Deadlines deadlines;
    private final UpstreamPolicy policy;

    public PoolProxyClient(Pool pool, BackendConnections connections, Deadlines deadlines, UpstreamPolicy policy) {
        this.pool = pool;
        this.connections = connections;
        this.deadlines = deadlines;
        this.policy = policy;
    }

    @Override
    public ProxyTarget findTarget(HttpServerExchange exchange) {
        return TARGET;
    }

    @Override
    public void getConnection(ProxyTarget target, HttpServerExchange exchange, ProxyCallback<ProxyConnection> callback,
                              long timeout, TimeUnit timeUnit) {
        Forward sent = exchange.getAttachment(FORWARD);
        if (sent != null) {
            // ProxyHandler asks again: the backend failed a request it can resend
            if (sent.reused) {
                sent.attempt.failedOnReusedConnection();
            } else {
                sent.attempt.failedResendable();
            }
            return;
        }
        if (!StreamsInFlight.admit(exchange)) {
            return;
        }
        Forward forward = new Forward(exchange, callback);
        exchange.putAttachment(FORWARD, forward);
        forward.attempt.start();
    }

    /** One request forwarded through ProxyHandler. */
    private final class Forward implements Upstream<ProxyConnection> {

        private final HttpServerExchange exchange;
        private final ProxyCallback<ProxyConnection> proxyHandler;
        private final ForwardAttempt<ProxyConnection> attempt;
        private final UpstreamTrace trace;
        /** Set while ProxyHandler's own failure answer is being committed: the status is rewritten, not sent again. */
        private boolean rewritingCommit;
        /** The response deadline of the latest send; a resend replaces it. */
        private ResponseDeadline deadline;
        /** Reading the request body failed: the client left, and ProxyHandler's failure answer is not the backend's. */
        private boolean clientLeft;
        /** The latest connection came from the keep-alive pool. */
        private boolean reused;

        Forward(HttpServerExchange exchange, ProxyCallback<ProxyConnection> proxyHandler) {
            this.exchange = exchange;
            this.proxyHandler = proxyHandler;
            this.attempt = new ForwardAttempt<>(pool, policy, ExchangeRequestView.of(exchange), this);
            this.trace = new UpstreamTrace(pool.name());
            AccessLogHandler.trace(exchange, trace);
        }

        @Override
        public void connect(PendingConnect<ProxyConnection> connect) {
            trace.connecting(connect.lease().member().id());
            new Connect(this, connect).start();
        }

        @Override
        public void send(ForwardAttempt<ProxyConnection> attempt, ProxyConnection connection) {
            boolean firstSend = deadline == null;
            RouteRetry retry = policy.retry();
            RetriableTry retriable = retry != null && retry.retriesAnswersOrTimeouts() && withoutBody(exchange)
                    ? new RetriableTry(connection, attempt::retriesAnswer) : null;
            deadline = new ResponseDeadline(connection, retriable);
            if (exchange.isRequestComplete()) {
                deadline.start();
            } else {
                // the backend cannot be expected to answer before it has the whole body
                ResponseDeadline bodyDeadline = deadline;
                exchange.addRequestWrapper((factory, ex) -> new RequestEndConduit(factory.create(), bodyDeadline::start,
                        () -> clientLeft = true));
            }
            if (firstSend) {
                listenToExchange();
            }
            proxyHandler.completed(exchange, ForwardingClientConnection.of(connection, exchange, retriable));
        }

        private void listenToExchange() {
            exchange.addResponseCommitListener(ex -> {
                deadline.cancel();
                if (clientLeft) {
                    // the backend is not to blame: the exchange ends as abandoned
                    return;
                }
                if (failedInsideProxyHandler(ex)) {
                    attempt.responseStarted();
                    rewritingCommit = true;
                    attempt.failedAfterSend();
                    rewritingCommit = false;
                } else {
                    attempt.responseStarted(ex.getStatusCode());
                    stickyCookies(ex.getResponseHeaders());
                }
            });
            exchange.addExchangeCompleteListener((ex, next) -> {
                deadline.cancel();
                trace.ended();
                if (clientLeft) {
                    attempt.clientLeft();
                } else {
                    attempt.completed();
                }
                next.proceed();
            });
        }

        /** A sticky pool learns the application's cookie from the response and may add its own. */
        private void stickyCookies(HeaderMap headers) {
            StickyRequest sticky = attempt.sticky();
            if (sticky == null) {
                return;
            }
            HeaderValues cookies = headers.get(Headers.SET_COOKIE);
            if (sticky.learns() && cookies != null) {
                cookies.forEach(sticky::learn);
            }
            String cookie = sticky.setCookie();
            if (cookie != null) {
                headers.add(Headers.SET_COOKIE, cookie);
            }
        }

        /** A sticky pool's store answered on its own thread: go on on the exchange's I/O thread. */
        @Override
        public void resume(Runnable task) {
            exchange.getIoThread().execute(task);
        }

        @Override
        public void execute(Runnable task) {
            exchange.getIoThread().execute(task);
        }

        @Override
        public void schedule(Runnable task, long millis) {
            exchange.getIoThread().executeAfter(task, millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void unavailable(ProxyError error, long retryAfterSeconds, String message) {
            exchange.getResponseHeaders().clear();
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, retryAfterSeconds);
            exchange.getResponseHeaders().put(PROXY_STATUS, error.fieldValue());
            RespondHandler.send(exchange, error.status(), message);
        }

        @Override
        public void answer(ProxyError error, String message) {
            int status = error.status();
            trace.answered(status, message);
            if (rewritingCommit) {
                exchange.setStatusCode(status);
                exchange.getResponseHeaders().put(PROXY_STATUS, error.fieldValue());
            } else if (exchange.isResponseStarted()) {
                IoUtils.safeClose(exchange.getConnection());
            } else {
                exchange.getResponseHeaders().clear();
                exchange.getResponseHeaders().put(PROXY_STATUS, error.fieldValue());
                RespondHandler.send(exchange, status, message);
            }
        }

        @Override
        public void abandonTry() {
            if (deadline != null) {
                deadline.closeTry();
            }
        }

        /**
         * When the backend breaks and the request may not be resent (it has a body), Undertow's ProxyHandler answers
         * 500 or 503 itself. A backend's own answer always carries its reason phrase; those do not.
         */
        private boolean failedInsideProxyHandler(HttpServerExchange ex) {
            int status = ex.getStatusCode();
            return (status == StatusCodes.INTERNAL_SERVER_ERROR || status == StatusCodes.SERVICE_UNAVAILABLE)
                    && ex.getReasonPhrase() == null;
        }

        /** Time allowed from the end of the request to the start of the backend's response. */
        private final class ResponseDeadline extends Deadlines.Deadline {
            private final ProxyConnection connection;
            /** The try when the route may retry it, else null. */
            private final RetriableTry retriable;
            private boolean over;

            ResponseDeadline(ProxyConnection connection, RetriableTry retriable) {
                super(deadlines, exchange.getIoThread());
                this.connection = connection;
                this.retriable = retriable;
            }

            void start() {
                if (!over) {
                    arm(policy.tryTimeout().toMillis());
                }
            }

            void cancel() {
                over = true;
                disarm();
            }

            void closeTry() {
                cancel();
                if (retriable != null) {
                    retriable.discard();
                } else {
                    IoUtils.safeClose(connection.getConnection());
                }
            }

            @Override
            void expired() {
                if (exchange.isResponseStarted()) {
                    return;
                }
                if (retriable != null) {
                    retriable.discard();
                    attempt.timedOutResendable();
                } else {
                    attempt.responseTimedOut();
                    IoUtils.safeClose(connection.getConnection());
                }
            }
        }
    }

    /** A request ProxyHandler can send again: nothing of a body was consumed because there is none. */
    public static boolean withoutBody(HttpServerExchange exchange) {
        return exchange.getRequestContentLength() <= 0 && !exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
    }

    /** One connect to one backend through its keep-alive pool, bounded by the connect timeout. */
    private final class Connect extends Deadlines.Deadline implements ProxyCallback<ProxyConnection> {

        private final Forward forward;
        private final PendingConnect<ProxyConnection> pending;

        Connect(Forward forward, PendingConnect<ProxyConnection> pending) {
            super(deadlines, forward.exchange.getIoThread());
            this.forward = forward;
            this.pending = pending;
        }

        void start() {
            ProxyConnectionPool backend = connections.of(pending.lease().member(), pool.spec().tls());
            if (backend == null) {
                pending.unresolved();
                return;
            }
            backend.connect(TARGET, forward.exchange, this, -1, TimeUnit.MILLISECONDS, false);
            // a pooled keep-alive connection settles at once; only a real connect needs a deadline
            forward.reused = pending.settled();
            if (!pending.settled()) {
                arm(policy.connectTimeout().toMillis());
            }
        }

        @Override
        void expired() {
            pending.timedOut();
        }

        @Override
        public void completed(HttpServerExchange exchange, ProxyConnection connection) {
            disarm();
            // a connection that arrives after its timeout goes back to the pool when the exchange ends
            pending.connected(connection);
        }

        @Override
        public void failed(HttpServerExchange exchange) {
            disarm();
            if (exchange.isComplete()) {
                // the client reset its HTTP/2 stream or left: the connection pool cannot hand over to a finished exchange
                pending.abandoned();
                return;
            }
            pending.failed();
        }

        /** This I/O thread holds junction.upstream.max-connections-per-thread to the backend already (no queue). */
        @Override
        public void queuedRequestFailed(HttpServerExchange exchange) {
            disarm();
            pending.noConnectionLeft();
        }

        @Override
        public void couldNotResolveBackend(HttpServerExchange exchange) {
            failed(exchange);
        }
    }
}
