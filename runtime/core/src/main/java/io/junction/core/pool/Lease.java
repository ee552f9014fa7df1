package io.junction.core.pool;

import io.junction.api.Balancer;
import io.junction.api.Outcome;

/**
 * One attempt of one request on one backend, from the pick to its end. The backend counts the request in
 * flight from the pick (not from the connect; {@link Attempts} claims the slot), and {@link #end} tells the balancer and the pool's listener
 * how it went, exactly once. Used by one I/O thread at a time.
 */
public final class Lease {

    /** {@link #status()} before the backend's response started. */
    public static final int NO_STATUS = 0;

    private final Pool pool;
    private final PoolMember member;
    private final long pickedAt = System.nanoTime();
    private long timeToFirstByte = Balancer.NO_RESPONSE;
    private int status = NO_STATUS;
    private boolean ended;

    Lease(Pool pool, PoolMember member) {
        this.pool = pool;
        this.member = member;
    }

    public PoolMember member() {
        return member;
    }

    /** The backend's response has started; only the first call counts. */
    public void responseStarted() {
        if (timeToFirstByte == Balancer.NO_RESPONSE && !ended) {
            timeToFirstByte = System.nanoTime() - pickedAt;
        }
    }

    /** The backend's response has started with this status; only the first call counts. */
    public void responseStarted(int status) {
        if (this.status == NO_STATUS && !ended) {
            this.status = status;
        }
        responseStarted();
    }

    /** The backend's response status, or {@link #NO_STATUS}. */
    public int status() {
        return status;
    }

    /** Ends the lease; later calls do nothing. */
    public void end(Outcome outcome) {
        if (ended) {
            return;
        }
        ended = true;
        member.state().requestEnded();
        pool.ended(member, outcome, status, timeToFirstByte, System.nanoTime() - pickedAt);
    }

    public boolean ended() {
        return ended;
    }

    @Override
    public String toString() {
        return "lease on " + member + (ended ? " (ended)" : "");
    }
}
