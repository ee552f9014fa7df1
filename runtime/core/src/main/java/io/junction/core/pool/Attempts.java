package io.junction.core.pool;

import io.junction.api.Candidates;
import io.junction.api.RequestView;
import io.junction.core.model.BackendMode;

import java.util.BitSet;

/**
 * Which members one request may still use: the ones it has not tried yet (so that a retry goes to a different
 * backend) that are available (mode up, healthy, not ejected) and below their connection limit. In panic, when the pool had no available member,
 * every member not in maintenance counts as available. Used by one request at a time, never shared.
 */
public final class Attempts implements Candidates {

    private final Pool pool;
    private final BitSet tried = new BitSet();
    /** Members that lost the race for their last free slot since the request last waited for room. */
    private final BitSet full = new BitSet();
    private int count;
    private boolean panic;
    /** A sticky client's backend, tried before the balancer is asked (once). */
    private PoolMember preferred;
    /** System.nanoTime of the current pick: one clock reading per pick, however often the balancer asks. */
    private long now = System.nanoTime();
    /** The lease handed out last; and one from the last request, ended, to reuse for the next pick. */
    private Lease lastLease;
    private Lease spareLease;

    Attempts(Pool pool) {
        this.pool = pool;
    }

    /**
     * Forgets what one request tried, for the next request on the same pool. Its caller vouches that nothing of the
     * last request (its leases) is used any more: the last lease, ended, serves the next pick.
     */
    public Attempts restart() {
        spareLease = lastLease != null && lastLease.ended() ? lastLease : null;
        lastLease = null;
        tried.clear();
        full.clear();
        count = 0;
        panic = false;
        preferred = null;
        return this;
    }

    /**
     * Picks an untried member with room and leases it, or {@code null} when no member is left to try (see
     * {@link #waitingForRoom} for whether one would be, once it has room).
     */
    public Lease next(RequestView request) {
        while (count < pool.size()) {
            now = System.nanoTime();
            PoolMember member = keepsPreferred() ? preferred : pool.pick(this, request);
            preferred = null;
            if (member == null) {
                return null;
            }
            if (member.tryStart()) {
                tried.set(member.index());
                count++;
                lastLease = spareLease != null ? spareLease.reopen(member) : new Lease(pool, member);
                spareLease = null;
                return lastLease;
            }
            full.set(member.index());
        }
        return null;
    }

    /** Whether a member this request has not tried would be eligible but for its connection limit. */
    public boolean waitingForRoom() {
        now = System.nanoTime();
        for (int i = 0; i < pool.size(); i++) {
            if (!tried.get(i) && usable(pool.member(i)) && (full.get(i) || !pool.member(i).hasRoom())) {
                return true;
            }
        }
        return false;
    }

    /** Whether any member is eligible for this request now. */
    public boolean anyEligible() {
        now = System.nanoTime();
        for (int i = 0; i < pool.size(); i++) {
            if (isEligible(i)) {
                return true;
            }
        }
        return false;
    }

    /** The request waited for room: members that were full may have some now. */
    public void roomMayHaveFreed() {
        full.clear();
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
        if (tried.get(index) || full.get(index)) {
            return false;
        }
        PoolMember member = pool.member(index);
        return usable(member) && member.hasRoom();
    }

    private boolean usable(PoolMember member) {
        return panic ? member.mode() != BackendMode.MAINT : member.available(now);
    }
}
