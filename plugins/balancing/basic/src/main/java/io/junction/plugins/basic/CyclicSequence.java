package io.junction.plugins.basic;

import io.junction.api.Backend;
import io.junction.api.Balancer;
import io.junction.api.Candidates;
import io.junction.api.RequestView;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A balancer that walks a fixed cycle of candidate indices, built once when the balancer is created. Lock-free:
 * one counter names the next position, and a pick claims every position up to and including the one it returns
 * with a single compare-and-set, so a skipped (ineligible) backend does not hand its turn to a neighbour twice
 * and concurrent picks never share a turn. No allocation per pick.
 */
final class CyclicSequence implements Balancer {

    private final String id;
    private final int[] cycle;
    private final AtomicLong next = new AtomicLong();

    /** @param cycle candidate indices in the order they take turns; not empty */
    CyclicSequence(String id, int[] cycle) {
        this.id = id;
        this.cycle = cycle;
    }

    @Override
    public Backend pick(Candidates candidates, RequestView request) {
        int length = cycle.length;
        while (length > 0) {
            long position = next.get();
            int start = (int) Long.remainderUnsigned(position, length);
            int skipped = 0;
            while (skipped < length && !candidates.isEligible(cycle[slot(start, skipped)])) {
                skipped++;
            }
            if (skipped == length) {
                return null;
            }
            if (next.compareAndSet(position, position + skipped + 1)) {
                return candidates.get(cycle[slot(start, skipped)]);
            }
        }
        return null;
    }

    private int slot(int start, int offset) {
        int slot = start + offset;
        return slot >= cycle.length ? slot - cycle.length : slot;
    }

    @Override
    public String toString() {
        return id;
    }
}
