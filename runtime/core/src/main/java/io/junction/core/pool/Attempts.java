package io.junction.core.pool;

import io.junction.api.Candidates;
import io.junction.api.RequestView;
import io.junction.core.model.BackendMode;

import java.util.BitSet;

/**
 * Which members one request may still use: the ones it has not tried yet (so that a retry goes to a different
 * backend) that are available (mode up, healthy, not ejected). In panic, when the pool had no available member,
 * every member not in maintenance counts as available. Used by one request at a time, never shared.
 */
public final class Attempts implements Candidates {

    private final Pool pool;
    private final BitSet tried = new BitSet();
    private int count;
    private boolean panic;
    /** A sticky client's backend, tried before the balancer is asked (once). */
    private PoolMember preferred;
    /** System.nanoTime of the current pick: one clock reading per pick, however often the balancer asks. */
    private long now = System.nanoTime();

    Attempts(Pool pool) {
        this.pool = pool;
    }

    /** Picks an untried member and leases it, or {@code null} when no member is left to try. */
    public Lease next(RequestView request) {
        if (count >= pool.size()) {
            return null;
        }
        now = System.nanoTime();
        PoolMember member = keepsPreferred() ? preferred : pool.pick(this, request);
        preferred = null;
        if (member != null) {
            tried.set(member.index());
            count++;
            return new Lease(pool, member);
        }
        return null;
    }

    /** The next pick takes {@code member} when it still keeps its pinned clients (draining included); null for none. */
    public void prefer(PoolMember member) {
        preferred = member;
    }

    private boolean keepsPreferred() {
        if (preferred == null || tried.get(preferred.index())) {
            return false;
        }
        return panic ? preferred.mode() != BackendMode.MAINT : preferred.keepsPinned(now);
    }

    /** Whether any member is available to a new request now, tried or not. */
    public boolean anyAvailable() {
        now = System.nanoTime();
        for (int i = 0; i < pool.size(); i++) {
            if (pool.member(i).available(now)) {
                return true;
            }
        }
        return false;
    }

    /** From now on, every member not in maintenance is eligible whatever its health, ejection or drain. */
    public void panic() {
        panic = true;
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
        if (tried.get(index)) {
            return false;
        }
        PoolMember member = pool.member(index);
        return panic ? member.mode() != BackendMode.MAINT : member.available(now);
    }
}
