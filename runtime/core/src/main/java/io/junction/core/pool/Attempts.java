package io.junction.core.pool;

import io.junction.api.Candidates;
import io.junction.api.RequestView;

import java.util.BitSet;

/**
 * The members one request has tried so far, so that a retry goes to a different backend.
 * Used by one request at a time, never shared.
 */
public final class Attempts implements Candidates {

    private final Pool pool;
    private final BitSet tried = new BitSet();
    private int count;

    Attempts(Pool pool) {
        this.pool = pool;
    }

    /** Picks an untried member and leases it, or {@code null} when no member is left to try. */
    public Lease next(RequestView request) {
        if (count >= pool.size()) {
            return null;
        }
        PoolMember member = pool.pick(this, request);
        if (member != null) {
            if (tried.get(member.index())) {
                throw new IllegalStateException("strategy '" + pool.spec().strategy() + "' picked " + member + ", which is not eligible");
            }
            tried.set(member.index());
            count++;
            return new Lease(pool, member);
        }
        return null;
    }

    public int count() {
        return count;
    }

    public Pool pool() {
        return pool;
    }

    @Override
    public int size() {
        return pool.size();
    }

    @Override
    public PoolMember get(int index) {
        return pool.member(index);
    }

    @Override
    public boolean isEligible(int index) {
        return !tried.get(index);
    }
}
