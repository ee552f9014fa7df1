package io.junction.plugins.basic;

import io.junction.api.Backend;
import io.junction.api.Balancer;
import io.junction.api.BalancingStrategy;
import io.junction.api.Candidates;
import io.junction.api.Options;
import io.junction.api.RequestView;
import org.pf4j.Extension;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code round-robin}: the candidates in script order, one after the other, skipping the ones that are
 * not eligible for this request. Every backend is treated alike; weights are ignored
 * (use {@code weighted-round-robin} for those).
 */
@Extension
public final class RoundRobinStrategy implements BalancingStrategy {

    public static final String ID = "round-robin";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Balancer create(Options options) {
        return new RoundRobin();
    }

    @Override
    public String toString() {
        return ID;
    }

    /**
     * Lock-free: one counter names the next position. A pick claims the positions up to and including the
     * backend it returns with one compare-and-set, so a skipped (ineligible) backend does not hand its turn to
     * its neighbour twice, and concurrent picks never return the same turn.
     */
    static final class RoundRobin implements Balancer {

        private final AtomicLong next = new AtomicLong();

        @Override
        public Backend pick(Candidates candidates, RequestView request) {
            int size = candidates.size();
            if (size == 0) {
                return null;
            }
            while (true) {
                long position = next.get();
                int start = (int) Long.remainderUnsigned(position, size);
                int found = -1;
                int skipped = 0;
                for (; skipped < size; skipped++) {
                    int index = start + skipped;
                    if (index >= size) {
                        index -= size;
                    }
                    if (candidates.isEligible(index)) {
                        found = index;
                        break;
                    }
                }
                if (found < 0) {
                    return null;
                }
                if (next.compareAndSet(position, position + skipped + 1)) {
                    return candidates.get(found);
                }
            }
        }

        @Override
        public String toString() {
            return ID;
        }
    }
}
