package io.junction.core.forward;

import io.junction.api.Outcome;
import io.junction.api.RequestView;
import io.junction.core.affinity.Affinity;
import io.junction.core.affinity.StickyRequest;
import io.junction.core.model.AllDownSpec;
import io.junction.core.model.RetrySpec;
import io.junction.core.model.RouteRetry;
import io.junction.core.pool.Attempts;
import io.junction.core.pool.ConnectionQueue;
import io.junction.core.pool.Lease;
import io.junction.core.pool.Pool;
import io.junction.core.pool.RetryBudget;

/**
 * One request's way through a pool, whatever the engine: pick and lease an available backend, connect within
 * the connect timeout, on a refused or timed-out connect try another backend (safe for any method: nothing was
 * sent). Once the request was handed to a backend it is sent again only when the engine can resend it, the
 * method is idempotent and the pool's {@link RetrySpec} (tries, time, budget) allows it, and never once response
 * bytes reached the client; a route's {@link RouteRetry} replaces the pool's retries and connect retries. When every backend it may use is at its connection limit, the request waits in the
 * pool's {@link ConnectionQueue} until one has room, or answers 503 when the queue is full or the wait exceeds the
 * queue timeout. Answers 503 with Retry-After at once when no backend of the pool is available
 * (unless the pool panics), 502 when no backend could be reached or one failed after it was sent, 504 on a
 * connect or response timeout; each answer names its {@link ProxyError}. Used on one I/O thread.
 */
public final class ForwardAttempt<C> {

    public static final int BAD_GATEWAY = 502;
    public static final int SERVICE_UNAVAILABLE = 503;
    public static final int GATEWAY_TIMEOUT = 504;
    private static final String INCOMPLETE = "bad gateway: the backend failed before completing its response\n";

    private RequestView request;
    private final Upstream<C> upstream;
    private Pool pool;
    private Attempts attempts;
    private UpstreamPolicy policy;
    private long startedAt;
    private Lease sent;
    /** The connect in progress, settled by the route's total timeout if it is still pending then. */
    private PendingConnect<C> connecting;
    /** The connect made last; and one from the last request, settled, to reuse for the next connect. */
    private PendingConnect<C> lastConnect;
    private PendingConnect<C> spareConnect;
    /** Counts the requests this object served ({@link #restart}), so a total timeout of an earlier one does nothing. */
    private int serial;
    /** The request's place in the pool's queue while it waits for room. */
    private ConnectionQueue.Waiter waiter;
    private boolean responding;
    private boolean overTotal;
    private StickyRequest sticky;
    private int resends;
    private boolean retrying;
    private boolean finished;
    /** System.nanoTime by which the request must have found room; 0 until it first waits. */
    private long roomDeadline;

    public ForwardAttempt(Pool pool, UpstreamPolicy policy, RequestView request, Upstream<C> upstream) {
        this.upstream = upstream;
        restart(pool, policy, request);
    }

    /**
     * Whether this object may serve the next request of the same upstream (a keep-alive connection's, or a pooled one's):
     * only once it finished without waiting for room or asking a session store, the two ways something could still
     * call back into it later.
     */
    public boolean reusable() {
        return finished && roomDeadline == 0 && sticky == null;
    }

    /** Makes this a new request's attempt on {@code pool}; see {@link #reusable}. Saves the allocations per request. */
    public ForwardAttempt<C> restart(Pool pool, UpstreamPolicy policy, RequestView request) {
        serial++;
        this.request = request;
        spareConnect = lastConnect != null && lastConnect.settled() ? lastConnect : null;
        lastConnect = null;
        this.attempts = attempts != null && attempts.pool() == pool ? attempts.restart() : pool.attempts();
        this.pool = pool;
        this.policy = policy;
        startedAt = System.nanoTime();
        sent = null;
        connecting = null;
        waiter = null;
        responding = false;
        overTotal = false;
        sticky = null;
        resends = 0;
        retrying = false;
        finished = false;
        roomDeadline = 0;
        return this;
    }

    public UpstreamPolicy policy() {
        return policy;
    }

    /**
     * Picks the first backend and connects. When no backend is available, answers 503 at once, or in panic
     * spreads over every backend not in maintenance; answers 502 when the pool has none to try.
     */
    public void start() {
        if (policy.total() != null) {
            int request = serial;
            upstream.schedule(() -> totalPassed(request), Math.max(1, policy.total().toMillis()));
        }
        Affinity affinity = pool.affinity();
        if (affinity == null) {
            choose();
            return;
        }
        sticky = affinity.begin(request);
        sticky.whenFound(upstream::resume, this::choose);
    }

    /** The request of a sticky pool, or null: the engine reports the response's cookies to it. */
    public StickyRequest sticky() {
        return sticky;
    }

    private void choose() {
        pool.retryBudget().requestStarted();
        boolean allDown = attempts.size() > 0 && !attempts.anyAvailable();
        AllDownSpec whenAllDown = pool.spec().allDown();
        if (allDown && whenAllDown.panic()) {
            attempts.panic();
        } else if (allDown) {
            finish();
            upstream.unavailable(ProxyError.DESTINATION_UNAVAILABLE, whenAllDown.retryAfterSeconds(),
                    "service unavailable: no backend of pool '" + pool.name() + "' is up\n");
            return;
        }
        if (sticky != null) {
            attempts.prefer(sticky.pinned());
        }
        connectOrWait();
    }

    private void connectOrWait() {
        if (!connectNext() && !waitForRoom()) {
            answer(ProxyError.DESTINATION_NOT_FOUND, "bad gateway: pool '" + pool.name() + "' has no backend to try\n");
        }
    }

    /**
     * Queues the request when the backends it may use are only full, until one has room or the queue timeout
     * passed; false (nothing done) when no backend is merely full.
     */
    private boolean waitForRoom() {
        if (!attempts.waitingForRoom()) {
            return false;
        }
        if (roomDeadline == 0) {
            roomDeadline = System.nanoTime() + pool.spec().limits().queueTimeout().toNanos();
        }
        long left = roomDeadline - System.nanoTime();
        ConnectionQueue queue = pool.queue();
        var waiter = new ConnectionQueue.Waiter(() -> upstream.execute(this::roomFreed));
        this.waiter = waiter;
        if (left <= 0 || !queue.offer(waiter)) {
            noRoom();
            return true;
        }
        upstream.schedule(() -> waitedTooLong(waiter), Math.max(1, left / 1_000_000));
        // room freed between the pick and the offer woke nobody: take it now
        attempts.roomMayHaveFreed();
        if (attempts.anyEligible() && waiter.settle()) {
            queue.withdraw(waiter);
            connectOrWait();
        }
        return true;
    }

    private void roomFreed() {
        if (finished) {
            return;
        }
        attempts.roomMayHaveFreed();
        connectOrWait();
    }

    private void waitedTooLong(ConnectionQueue.Waiter waiter) {
        if (waiter.settle() && !finished) {
            pool.queue().withdraw(waiter);
            noRoom();
        }
    }

    private void noRoom() {
        pool.noRoom();
        finish();
        upstream.unavailable(ProxyError.CONNECTION_LIMIT_REACHED, pool.spec().allDown().retryAfterSeconds(),
                "service unavailable: every backend of pool '" + pool.name() + "' is at its connection limit\n");
    }

    /** The lease of the backend the request was sent to; null before that. */
    public Lease sent() {
        return sent;
    }

    /** The backend's response has started. */
    public void responseStarted() {
        responding = true;
        if (sent != null) {
            sent.responseStarted();
        }
    }

    /** The backend's response has started with this status (5xx answers count towards passive ejection). */
    public void responseStarted(int status) {
        responding = true;
        if (sent != null) {
            sent.responseStarted(status);
            if (sticky != null) {
                sticky.responded(sent.member());
            }
        }
    }

    /** The exchange with the backend ended normally. */
    public void completed() {
        end(Outcome.RESPONDED);
        finish();
    }

    /**
     * The client went away (closed, reset its stream, broke off its body) before the exchange with the backend was
     * over: the attempt ends without an answer, and the backend's lease as {@link Outcome#ABANDONED}.
     */
    public void clientLeft() {
        end(Outcome.ABANDONED);
        finish();
    }

    /** The backend broke or closed before completing its response; the request is not sent again. */
    public void failedAfterSend() {
        end(Outcome.FAILED);
        answer(ProxyError.HTTP_RESPONSE_INCOMPLETE, INCOMPLETE);
    }

    /** The backend's response head is malformed or ambiguous; the request is not sent again. */
    public void malformedResponse() {
        end(Outcome.FAILED);
        answer(ProxyError.HTTP_PROTOCOL_ERROR, "bad gateway: the backend's response is not valid HTTP\n");
    }

    /**
     * The backend broke or closed before completing its response. {@code resendable}: no byte of its response
     * arrived and the engine can write the request again (it has no body); {@code staleConnection}: besides, the
     * connection was a reused keep-alive one and the backend sent nothing on it. Only a resendable request may be
     * sent again ({@link #failedOnReusedConnection}, {@link #failedResendable}); any other ends as
     * {@link #failedAfterSend}.
     */
    public void backendBroke(boolean resendable, boolean staleConnection) {
        if (!resendable) {
            failedAfterSend();
        } else if (staleConnection) {
            failedOnReusedConnection();
        } else {
            failedResendable();
        }
    }

    /**
     * The backend failed after the request was sent, before any response byte reached the client, and the engine
     * can send the request again. Resends it to another available backend when the pool's retries allow it;
     * otherwise answers as {@link #failedAfterSend}.
     */
    private void failedResendable() {
        end(Outcome.FAILED);
        if (!resend(RouteRetry.On.RESET)) {
            answer(ProxyError.HTTP_RESPONSE_INCOMPLETE, INCOMPLETE);
        }
    }

    /**
     * The try passed its per-try (response) timeout, and the engine can send the request again: resent to another
     * backend when the route's retry lists {@code timeout}, otherwise answers as {@link #responseTimedOut}.
     */
    public void timedOutResendable() {
        end(Outcome.FAILED);
        if (!resend(RouteRetry.On.TIMEOUT)) {
            answer(ProxyError.HTTP_RESPONSE_TIMEOUT, "gateway timeout: the backend did not answer in time\n");
        }
    }

    /**
     * The backend answered with {@code status}, nothing of it reached the client yet, and the engine can send the
     * request again. When the route's retry lists the status, the request may be resent and a backend is left to
     * try, runs {@code discard} (the engine drops the answer and its connection: it is never relayed) and resends
     * the request; otherwise returns false and the engine relays the answer.
     */
    public boolean retriesAnswer(int status, Runnable discard) {
        var failure = RouteRetry.On.answer(status);
        if (failure.isEmpty() || policy.retry() == null || !attempts.anyEligible() || !mayResend(failure.get())) {
            return false;
        }
        sent.responseStarted(status);
        end(Outcome.RESPONDED);
        discard.run();
        if (!resend(failure.get())) {
            answer(ProxyError.DESTINATION_NOT_FOUND, "bad gateway: no backend of pool '" + pool.name() + "' is left to try\n");
        }
        return true;
    }

    private boolean resend(RouteRetry.On failure) {
        if (mayResend(failure) && connectNext()) {
            resends++;
            return true;
        }
        return false;
    }

    /**
     * The backend closed a keep-alive connection taken from the pool before any byte of its response: it most likely
     * closed it while idle and never read the request (RFC 9112 9.3.1). An idempotent request is then handled like a
     * refused connect (another backend, within the connect retries) whatever the pool's retries; any other is
     * {@link #failedResendable}.
     */
    private void failedOnReusedConnection() {
        if (!RetrySpec.idempotent(request.method())) {
            failedResendable();
            return;
        }
        Lease lease = sent;
        sent = null;
        connectFailed(lease, ProxyError.CONNECTION_REFUSED);
    }

    /** The backend did not start its response within the response timeout (counted from the end of the request). */
    public void responseTimedOut() {
        end(Outcome.FAILED);
        answer(ProxyError.HTTP_RESPONSE_TIMEOUT, "gateway timeout: the backend did not answer in time\n");
    }

    /** How many times the request was sent again after a backend failed it. */
    public int resends() {
        return resends;
    }

    void connected(Lease lease, C connection) {
        connecting = null;
        sent = lease;
        upstream.send(this, connection);
    }

    void abandoned(Lease lease) {
        connecting = null;
        lease.end(Outcome.ABANDONED);
        finish();
    }

    /** Not the backend's fault, so it is not judged: another backend is tried, else 503. */
    void noConnectionLeft(Lease lease) {
        connecting = null;
        lease.end(Outcome.ABANDONED);
        if (!connectNext()) {
            finish();
            upstream.unavailable(ProxyError.CONNECTION_LIMIT_REACHED, pool.spec().allDown().retryAfterSeconds(),
                    "service unavailable: Junction's connections to the backends of pool '" + pool.name() + "' are all busy\n");
        }
    }

    /** The connect failed before anything was sent; the last backend's failure names the answer. */
    void connectFailed(Lease lease, ProxyError error) {
        connecting = null;
        lease.end(Outcome.CONNECT_FAILED);
        if (mayTryAfterConnectFailure() && connectNext()) {
            return;
        }
        String why = switch (error) {
            case CONNECTION_TIMEOUT -> "gateway timeout: could not connect to a backend of pool '%s' in time\n";
            case DNS_ERROR -> "bad gateway: the host name of a backend of pool '%s' does not resolve\n";
            default -> "bad gateway: no backend of pool '%s' could be reached\n";
        };
        answer(error, why.formatted(pool.name()));
    }

    /** The route's retry policy when it has one (tries count every backend), else the connect retries. */
    private boolean mayTryAfterConnectFailure() {
        RouteRetry retry = policy.retry();
        if (retry == null) {
            return attempts.count() <= policy.connectRetries() + resends && withinTotal();
        }
        return retry.on().contains(RouteRetry.On.CONNECT_FAILURE) && attempts.count() < retry.tries() && withinTotal();
    }

    /**
     * The route's retry lists the failure (the pool's retries know only resets), the method may be resent (the
     * route's retry, else the pool's: idempotent), tries or retries left, within the retry time (the route's total
     * timeout, else the pool's), and room in the pool's budget (claimed here).
     */
    private boolean mayResend(RouteRetry.On failure) {
        RouteRetry retry = policy.retry();
        RetrySpec spec = pool.spec().retries();
        boolean allowed = retry == null
                ? failure == RouteRetry.On.RESET && RetrySpec.idempotent(request.method()) && resends < spec.retries()
                && System.nanoTime() - startedAt <= spec.time().toNanos()
                : retry.on().contains(failure) && retry.resends(request.method())
                && attempts.count() < retry.tries() && withinTotal();
        if (!allowed) {
            return false;
        }
        if (!retrying) {
            retrying = pool.retryBudget().tryStartRetry();
        }
        return retrying;
    }

    private boolean withinTotal() {
        return !overTotal && (policy.total() == null || System.nanoTime() - startedAt < policy.total().toNanos());
    }

    /** The route's total timeout passed: 504 unless the response has started, whatever try is under way. */
    private void totalPassed(int request) {
        if (request != serial || finished || responding) {
            return;
        }
        overTotal = true;
        if (connecting != null) {
            connecting.timedOut();
            return;
        }
        if (waiter != null && waiter.settle()) {
            pool.queue().withdraw(waiter);
        }
        end(Outcome.FAILED);
        answer(ProxyError.HTTP_RESPONSE_TIMEOUT, "gateway timeout: the route's total timeout passed\n");
        upstream.abandonTry();
    }

    /** Starts a connect to a backend this request has not tried; false when there is none. */
    private boolean connectNext() {
        Lease lease = attempts.next(request);
        if (lease == null) {
            return false;
        }
        connecting = spareConnect != null ? spareConnect.reopen(lease) : new PendingConnect<>(this, lease);
        spareConnect = null;
        lastConnect = connecting;
        upstream.connect(connecting);
        return true;
    }

    private void answer(ProxyError error, String message) {
        finish();
        upstream.answer(error, message);
    }

    private void end(Outcome outcome) {
        if (sent != null) {
            sent.end(outcome);
        }
    }

    /** The request is over for the pool: it leaves the retry budget's counts, once. */
    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        RetryBudget budget = pool.retryBudget();
        budget.requestEnded();
        if (retrying) {
            budget.retryEnded();
        }
    }
}
