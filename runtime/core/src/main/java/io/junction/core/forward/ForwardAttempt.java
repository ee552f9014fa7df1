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
 * connect or response timeout. Used on one I/O thread.
 */
public final class ForwardAttempt<C> {

    public static final int BAD_GATEWAY = 502;
    public static final int SERVICE_UNAVAILABLE = 503;
    public static final int GATEWAY_TIMEOUT = 504;

    private final Pool pool;
    private final Attempts attempts;
    private final UpstreamPolicy policy;
    private final RequestView request;
    private final Upstream<C> upstream;
    private final long startedAt = System.nanoTime();
    private Lease sent;
    private StickyRequest sticky;
    private int resends;
    private boolean retrying;
    private boolean finished;
    /** System.nanoTime by which the request must have found room; 0 until it first waits. */
    private long roomDeadline;

    public ForwardAttempt(Pool pool, UpstreamPolicy policy, RequestView request, Upstream<C> upstream) {
        this.pool = pool;
        this.attempts = pool.attempts();
        this.policy = policy;
        this.request = request;
        this.upstream = upstream;
    }

    public UpstreamPolicy policy() {
        return policy;
    }

    /**
     * Picks the first backend and connects. When no backend is available, answers 503 at once, or in panic
     * spreads over every backend not in maintenance; answers 502 when the pool has none to try.
     */
    public void start() {
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
            upstream.unavailable(whenAllDown.retryAfterSeconds(),
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
            answer(BAD_GATEWAY, "bad gateway: pool '" + pool.name() + "' has no backend to try\n");
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
        attempts.roomMayHaveFreed();
        connectOrWait();
    }

    private void waitedTooLong(ConnectionQueue.Waiter waiter) {
        if (waiter.settle()) {
            pool.queue().withdraw(waiter);
            noRoom();
        }
    }

    private void noRoom() {
        pool.noRoom();
        finish();
        upstream.unavailable(pool.spec().allDown().retryAfterSeconds(),
                "service unavailable: every backend of pool '" + pool.name() + "' is at its connection limit\n");
    }

    /** The lease of the backend the request was sent to; null before that. */
    public Lease sent() {
        return sent;
    }

    /** The backend's response has started. */
    public void responseStarted() {
        if (sent != null) {
            sent.responseStarted();
        }
    }

    /** The backend's response has started with this status (5xx answers count towards passive ejection). */
    public void responseStarted(int status) {
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
        answer(BAD_GATEWAY, "bad gateway: the backend failed before completing its response\n");
    }

    /**
     * The backend failed after the request was sent, before any response byte reached the client, and the engine
     * can send the request again (it has no body, or the engine still holds it). Resends it to another available
     * backend when the pool's retries allow it; otherwise answers as {@link #failedAfterSend}.
     */
    public void failedResendable() {
        end(Outcome.FAILED);
        if (mayResend() && connectNext()) {
            resends++;
            return;
        }
        answer(BAD_GATEWAY, "bad gateway: the backend failed before completing its response\n");
    }

    /** The backend did not start its response within the response timeout (counted from the end of the request). */
    public void responseTimedOut() {
        end(Outcome.FAILED);
        answer(GATEWAY_TIMEOUT, "gateway timeout: the backend did not answer in time\n");
    }

    /** How many times the request was sent again after a backend failed it. */
    public int resends() {
        return resends;
    }

    void connected(Lease lease, C connection) {
        sent = lease;
        upstream.send(this, connection);
    }

    void abandoned(Lease lease) {
        lease.end(Outcome.ABANDONED);
        finish();
    }

    /** Not the backend's fault, so it is not judged: another backend is tried, else 503. */
    void noConnectionLeft(Lease lease) {
        lease.end(Outcome.ABANDONED);
        if (!connectNext()) {
            finish();
            upstream.unavailable(pool.spec().allDown().retryAfterSeconds(),
                    "service unavailable: Junction's connections to the backends of pool '" + pool.name() + "' are all busy\n");
        }
    }

    void connectFailed(Lease lease, boolean timedOut) {
        lease.end(Outcome.CONNECT_FAILED);
        if (mayTryAfterConnectFailure() && connectNext()) {
            return;
        }
        if (timedOut) {
            answer(GATEWAY_TIMEOUT, "gateway timeout: could not connect to a backend of pool '" + pool.name() + "' in time\n");
        } else {
            answer(BAD_GATEWAY, "bad gateway: no backend of pool '" + pool.name() + "' could be reached\n");
        }
    }

    /** The route's retry policy when it has one (tries count every backend), else the connect retries. */
    private boolean mayTryAfterConnectFailure() {
        RouteRetry retry = policy.retry();
        if (retry == null) {
            return attempts.count() <= policy.connectRetries() + resends;
        }
        return retry.on().contains(RouteRetry.On.CONNECT_FAILURE) && attempts.count() < retry.tries() && withinTotal();
    }

    /**
     * The method may be resent (the route's retry, else the pool's: idempotent), tries or retries left, within the
     * retry time (the route's total timeout, else the pool's), and room in the pool's budget (claimed here).
     */
    private boolean mayResend() {
        RouteRetry retry = policy.retry();
        RetrySpec spec = pool.spec().retries();
        boolean allowed = retry == null
                ? RetrySpec.idempotent(request.method()) && resends < spec.retries()
                && System.nanoTime() - startedAt <= spec.time().toNanos()
                : retry.on().contains(RouteRetry.On.RESET) && retry.resends(request.method())
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
        return policy.total() == null || System.nanoTime() - startedAt < policy.total().toNanos();
    }

    /** Starts a connect to a backend this request has not tried; false when there is none. */
    private boolean connectNext() {
        Lease lease = attempts.next(request);
        if (lease == null) {
            return false;
        }
        upstream.connect(new PendingConnect<>(this, lease));
        return true;
    }

    private void answer(int status, String message) {
        finish();
        upstream.answer(status, message);
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
