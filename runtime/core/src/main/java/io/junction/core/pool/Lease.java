package io.junction.core.pool;

import io.junction.api.Balancer;
import io.junction.api.Outcome;

/**
 * One attempt of one request on one backend, from the pick to its end. The backend counts the request in
 * flight from the pick (not from the connect; {@link Attempts} claims the slot), and {@link #end} tells the balancer and the pool's listener
 * how it went, exactly once. Used by one I/O thread at a time; {@link Attempts} may reuse an ended one for its next request.
 */
public final class Lease {

    /** {@link #status()} before the backend's response started. */
    public static final int NO_STATUS = 0;

    private final Pool pool;
    private PoolMember member;
    private long pickedAt;
    private long timeToFirstByte;
    private int status;
    private boolean ended;

    Lease(Pool pool, PoolMember member) {
        this.pool = pool;
        reopen(member);
    }

    /** A new lease on {@code member} in this object, once the last one ended and nothing holds it ({@link Attempts}). */
    Lease reopen(PoolMember member) {
        this.member = member;
        pickedAt = System.nanoTime();
        timeToFirstByte = Balancer.NO_RESPONSE;
        status = NO_STATUS;
        ended = false;
        return this;
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
