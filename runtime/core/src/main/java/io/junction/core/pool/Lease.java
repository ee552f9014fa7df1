package io.junction.core.pool;

import io.junction.api.Balancer;
import io.junction.api.Outcome;

/**
 * One attempt of one request on one backend, from the pick to its end. The backend counts the request in
 * flight from the pick (not from the connect), and {@link #end} tells the balancer and the pool's listener
 * how it went, exactly once. Used by one I/O thread at a time.
 */
public final class Lease {

    private final Pool pool;
    private final PoolMember member;
    private final long pickedAt = System.nanoTime();
    private long timeToFirstByte = Balancer.NO_RESPONSE;
    private boolean ended;

    Lease(Pool pool, PoolMember member) {
        this.pool = pool;
        this.member = member;
        member.state().requestStarted();
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

    /** Ends the lease; later calls do nothing. */
    public void end(Outcome outcome) {
        if (ended) {
            return;
        }
        ended = true;
        member.state().requestEnded();
        pool.ended(member, outcome, timeToFirstByte, System.nanoTime() - pickedAt);
    }

    public boolean ended() {
        return ended;
    }

    @Override
    public String toString() {
        return "lease on " + member + (ended ? " (ended)" : "");
    }
}
