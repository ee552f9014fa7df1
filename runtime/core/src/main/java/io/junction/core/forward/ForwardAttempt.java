package io.junction.core.forward;

import io.junction.api.Outcome;
import io.junction.api.RequestView;
import io.junction.core.pool.Attempts;
import io.junction.core.pool.Lease;
import io.junction.core.pool.Pool;

/**
 * One request's way through a pool, whatever the engine: pick and lease a backend, connect within the connect
 * timeout, on a refused or timed-out connect try another backend (safe for any method: nothing was sent), and
 * once the request was handed to a backend never send it again. Answers 502 when no backend could be reached
 * or one failed after it was sent, 504 on a connect or response timeout. Used on one I/O thread.
 */
public final class ForwardAttempt<C> {

    public static final int BAD_GATEWAY = 502;
    public static final int GATEWAY_TIMEOUT = 504;

    private final Pool pool;
    private final Attempts attempts;
    private final UpstreamPolicy policy;
    private final RequestView request;
    private final Upstream<C> upstream;
    private Lease sent;

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

    /** Picks the first backend and connects; answers 502 when the pool has none to try. */
    public void start() {
        if (!connectNext()) {
            upstream.answer(BAD_GATEWAY, "bad gateway: pool '" + pool.name() + "' has no backend to try\n");
        }
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

    /** The exchange with the backend ended normally. */
    public void completed() {
        end(Outcome.RESPONDED);
    }

    /** The backend broke or closed before completing its response; the request is not sent again. */
    public void failedAfterSend() {
        end(Outcome.FAILED);
        upstream.answer(BAD_GATEWAY, "bad gateway: the backend failed before completing its response\n");
    }

    /** The backend did not start its response within the response timeout (counted from the end of the request). */
    public void responseTimedOut() {
        end(Outcome.FAILED);
        upstream.answer(GATEWAY_TIMEOUT, "gateway timeout: the backend did not answer in time\n");
    }

    void connected(Lease lease, C connection) {
        sent = lease;
        upstream.send(this, connection);
    }

    void connectFailed(Lease lease, boolean timedOut) {
        lease.end(Outcome.CONNECT_FAILED);
        if (attempts.count() <= policy.connectRetries() && connectNext()) {
            return;
        }
        if (timedOut) {
            upstream.answer(GATEWAY_TIMEOUT, "gateway timeout: could not connect to a backend of pool '" + pool.name() + "' in time\n");
        } else {
            upstream.answer(BAD_GATEWAY, "bad gateway: no backend of pool '" + pool.name() + "' could be reached\n");
        }
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

    private void end(Outcome outcome) {
        if (sent != null) {
            sent.end(outcome);
        }
    }
}
