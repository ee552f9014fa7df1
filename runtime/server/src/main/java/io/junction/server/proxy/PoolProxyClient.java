package io.junction.server.proxy;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.junction.api.Outcome;
import io.junction.core.pool.Attempts;
import io.junction.core.pool.Pool;
import io.junction.core.pool.PoolMember;
import io.junction.server.http.ExchangeRequestView;
import io.junction.server.http.RespondHandler;
import io.junction.server.metrics.MetricNames;
import io.junction.server.metrics.Timers;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.ProxyCallback;
import io.undertow.server.handlers.proxy.ProxyClient;
import io.undertow.server.handlers.proxy.ProxyConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.StatusCodes;
import org.xnio.IoUtils;

import java.util.concurrent.TimeUnit;

/**
 * The ProxyClient of one pool: asks the pool's strategy for a backend, connects through the
 * backend's keep-alive pool, and on a refused or timed-out connect tries another backend (safe for
 * any method: nothing was sent). Once a request has been handed to a backend it is never sent again.
 * Answers 502 when no backend could be reached, 504 on a connect or response timeout.
 */
public final class PoolProxyClient implements ProxyClient {

    private static final AttachmentKey<Attempt> ATTEMPT = AttachmentKey.create(Attempt.class);
    private static final ProxyTarget TARGET = new ProxyTarget() {
    };

    private final Pool pool;
    private final BackendConnections connections;
    private final Deadlines deadlines;
    private final UpstreamPolicy policy;
    /** By member index, looked up once: no metric-name building per request. */
    private final BackendMeters[] meters;

    public PoolProxyClient(Pool pool, BackendConnections connections, Deadlines deadlines, UpstreamPolicy policy, MetricRegistry metrics) {
        this.pool = pool;
        this.connections = connections;
        this.deadlines = deadlines;
        this.policy = policy;
        this.meters = pool.members().stream().map(member -> new BackendMeters(
                Timers.timer(metrics, MetricNames.backendRequests(member.id())),
                metrics.meter(MetricNames.backendErrors(member.id())))).toArray(BackendMeters[]::new);
    }

    private record BackendMeters(Timer requests, Meter errors) {
    }

    @Override
    public ProxyTarget findTarget(HttpServerExchange exchange) {
        return TARGET;
    }

    @Override
    public void getConnection(ProxyTarget target, HttpServerExchange exchange, ProxyCallback<ProxyConnection> callback,
                              long timeout, TimeUnit timeUnit) {
        Attempt attempt = exchange.getAttachment(ATTEMPT);
        if (attempt == null) {
            attempt = new Attempt(exchange, callback);
            exchange.putAttachment(ATTEMPT, attempt);
            attempt.connectFirst();
        } else {
            // ProxyHandler asks again only after the exchange with a backend broke: it may have acted on the request.
            attempt.failedAfterSend();
        }
    }

    /** One request's way through the pool: which backends it tried and where it stands. */
    private final class Attempt {

        private final HttpServerExchange exchange;
        private final ProxyCallback<ProxyConnection> proxyHandler;
        private final Attempts attempts = pool.attempts();
        private Outcome outcome = Outcome.RESPONDED;

        Attempt(HttpServerExchange exchange, ProxyCallback<ProxyConnection> proxyHandler) {
            this.exchange = exchange;
            this.proxyHandler = proxyHandler;
        }

        void connectFirst() {
            if (!connectNext()) {
                fail(StatusCodes.BAD_GATEWAY, "bad gateway: pool '" + pool.name() + "' has no backend to try\n");
            }
        }

        /** Starts a connect to a backend this request has not tried; false when there is none. */
        private boolean connectNext() {
            PoolMember member = attempts.next(ExchangeRequestView.of(exchange));
            if (member == null) {
                return false;
            }
            new Connect(this, member).start();
            return true;
        }

        void connectFailed(PoolMember member, boolean timedOut) {
            meters[member.index()].errors().mark();
            attempts.ended(member, Outcome.CONNECT_FAILED);
            if (attempts.count() <= policy.connectRetries() && connectNext()) {
                return;
            }
            if (timedOut) {
                fail(StatusCodes.GATEWAY_TIME_OUT, "gateway timeout: could not connect to a backend of pool '" + pool.name() + "' in time\n");
            } else {
                fail(StatusCodes.BAD_GATEWAY, "bad gateway: no backend of pool '" + pool.name() + "' could be reached\n");
            }
        }

        void connected(PoolMember member, ProxyConnection connection) {
            member.state().requestStarted();
            long start = System.nanoTime();
            ResponseDeadline deadline = new ResponseDeadline(connection);
            if (exchange.isRequestComplete()) {
                deadline.start();
            } else {
                // the backend cannot be expected to answer before it has the whole body
                exchange.addRequestWrapper((factory, ex) -> new RequestEndConduit(factory.create(), deadline::start));
            }
            exchange.addResponseCommitListener(ex -> {
                deadline.cancel();
                if (failedInsideProxyHandler(ex)) {
                    outcome = Outcome.FAILED;
                    ex.setStatusCode(StatusCodes.BAD_GATEWAY);
                }
            });
            exchange.addExchangeCompleteListener((ex, next) -> {
                deadline.cancel();
                member.state().requestEnded();
                meters[member.index()].requests().update(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                if (outcome != Outcome.RESPONDED) {
                    meters[member.index()].errors().mark();
                }
                attempts.ended(member, outcome);
                next.proceed();
            });
            proxyHandler.completed(exchange, connection);
        }

        /** Time allowed from the end of the request to the start of the backend's response. */
        private final class ResponseDeadline extends Deadlines.Deadline {
            private final ProxyConnection connection;
            private boolean over;

            ResponseDeadline(ProxyConnection connection) {
                super(deadlines, exchange.getIoThread());
                this.connection = connection;
            }

            void start() {
                if (!over) {
                    arm(policy.responseTimeout().toMillis());
                }
            }

            void cancel() {
                over = true;
                disarm();
            }

            @Override
            void expired() {
                if (!exchange.isResponseStarted()) {
                    fail(StatusCodes.GATEWAY_TIME_OUT, "gateway timeout: the backend did not answer in time\n");
                    IoUtils.safeClose(connection.getConnection());
                }
            }
        }

        /**
         * When the backend breaks while the request body is still streaming, Undertow's ProxyHandler
         * answers 500 or 503 itself, without asking this client. A backend's own answer always carries
         * its reason phrase; those do not. The client is owed a 502, as when it happens later.
         */
        private boolean failedInsideProxyHandler(HttpServerExchange ex) {
            int status = ex.getStatusCode();
            return (status == StatusCodes.INTERNAL_SERVER_ERROR || status == StatusCodes.SERVICE_UNAVAILABLE)
                    && ex.getReasonPhrase() == null;
        }

        void failedAfterSend() {
            fail(StatusCodes.BAD_GATEWAY, "bad gateway: the backend failed before completing its response\n");
        }

        private void fail(int status, String message) {
            outcome = Outcome.FAILED;
            if (exchange.isResponseStarted()) {
                IoUtils.safeClose(exchange.getConnection());
                return;
            }
            exchange.getResponseHeaders().clear();
            RespondHandler.send(exchange, status, message);
        }
    }

    /** One connect to one backend, bounded by the connect timeout; settles exactly once. */
    private final class Connect extends Deadlines.Deadline implements ProxyCallback<ProxyConnection> {

        private final Attempt attempt;
        private final PoolMember member;
        private boolean settled;

        Connect(Attempt attempt, PoolMember member) {
            super(deadlines, attempt.exchange.getIoThread());
            this.attempt = attempt;
            this.member = member;
        }

        void start() {
            connections.of(member).connect(TARGET, attempt.exchange, this, -1, TimeUnit.MILLISECONDS, false);
            // a pooled keep-alive connection settles at once; only a real connect needs a deadline
            if (!settled) {
                arm(policy.connectTimeout().toMillis());
            }
        }

        private boolean settle() {
            if (settled) {
                return false;
            }
            settled = true;
            disarm();
            return true;
        }

        @Override
        void expired() {
            if (settle()) {
                attempt.connectFailed(member, true);
            }
        }

        @Override
        public void completed(HttpServerExchange exchange, ProxyConnection connection) {
            // a connection that arrives after its timeout goes back to the pool when the exchange ends
            if (settle()) {
                attempt.connected(member, connection);
            }
        }

        @Override
        public void failed(HttpServerExchange exchange) {
            if (settle()) {
                attempt.connectFailed(member, false);
            }
        }

        @Override
        public void queuedRequestFailed(HttpServerExchange exchange) {
            failed(exchange);
        }

        @Override
        public void couldNotResolveBackend(HttpServerExchange exchange) {
            failed(exchange);
        }
    }
}
