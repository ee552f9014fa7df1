package io.junction.server.logging;

import io.junction.core.forward.ForwardAttempt;

/**
 * What the logs learn about one forwarded request from the engine that forwarded it: the pool, the last
 * backend tried, the connects beyond the first ({@code retries}), and the upstream time, from the first connect until the backend's part ended (all
 * attempts, as nginx's {@code $upstream_response_time}). Used on one I/O thread.
 */
public final class UpstreamTrace {

    private String pool;
    /** Whether the upstream time is kept: only an access log reads it, and each reading of the clock costs. */
    private boolean timed = true;
    private String backend;
    private int connects;
    private long connectedAt = -1;
    private long upstreamNanos = -1;

    public UpstreamTrace(String pool) {
        this.pool = pool;
    }

    /**
     * Starts over for another request to {@code pool}: a connection's requests can share one trace.
     *
     * @param timed whether the upstream time is wanted (an access log records this request)
     */
    public UpstreamTrace restart(String pool, boolean timed) {
        this.pool = pool;
        this.timed = timed;
        backend = null;
        connects = 0;
        connectedAt = -1;
        upstreamNanos = -1;
        return this;
    }

    /** A connect to this backend starts (the first one starts the upstream clock). */
    public void connecting(String backendId) {
        backend = backendId;
        connects++;
        if (timed && connectedAt < 0) {
            connectedAt = System.nanoTime();
        }
    }

    /** The backend's part is over; only the first call counts. */
    public void ended() {
        if (connectedAt >= 0 && upstreamNanos < 0) {
            upstreamNanos = System.nanoTime() - connectedAt;
        }
    }

    /**
     * The engine answered the client itself with this status; a 502 or 504 is logged with the pool, backend and
     * reason (rate-limited by {@link UpstreamTroubleLog}).
     */
    public void answered(int status, String reason) {
        ended();
        if (status == ForwardAttempt.BAD_GATEWAY || status == ForwardAttempt.GATEWAY_TIMEOUT) {
            UpstreamTroubleLog.report(pool, backend, status, reason);
        }
    }

    /** Adds pool, backend, retries and upstream time to an access record. */
    public AccessRecord.Builder addTo(AccessRecord.Builder record) {
        ended();
        return record.upstream(pool, backend, upstreamNanos, connects == 0 ? -1 : connects - 1);
    }
}
