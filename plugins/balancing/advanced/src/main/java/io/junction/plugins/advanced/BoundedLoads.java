package io.junction.plugins.advanced;

import io.junction.api.Candidates;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup, Zadimoghaddam, SODA'18; HAProxy's
 * {@code hash-balance-factor}): a backend takes a new request only while its requests in flight stay below
 * {@code ceil(bound x (in flight + 1) x its weight / eligible weight)}; otherwise the key walks on in its order.
 *
 * <p>The counts are this balancer's own, claimed with compare-and-set before the pick returns and released in
 * {@code done}, so the cap holds under any number of concurrent picks (a pick whose walk found every backend full
 * because others claimed slots during it walks again with the new total, {@link ConsistentHash}, and serves past the
 * bound only when three walks found no room). Requests still in flight on an older
 * generation's balancer are not counted here.
 */
final class BoundedLoads implements Admission {

    private final double bound;
    private final int[] weights;
    private final AtomicIntegerArray inFlight;
    private final AtomicInteger total = new AtomicInteger();

    BoundedLoads(double bound, int[] weights) {
        this.bound = bound;
        this.weights = weights;
        this.inFlight = new AtomicIntegerArray(weights.length);
    }

    /** The allowance per unit of weight for the next pick, over the eligible backends. */
    double share(Candidates candidates) {
        long eligibleWeight = 0;
        for (int i = 0; i < weights.length; i++) {
            if (candidates.isEligible(i)) {
                eligibleWeight += weights[i];
            }
        }
        return eligibleWeight == 0 ? 0 : bound * (total.get() + 1) / eligibleWeight;
    }

    @Override
    public boolean admits(int index, double share) {
        long cap = (long) Math.ceil(share * weights[index]);
        while (true) {
            int current = inFlight.get(index);
            if (current >= cap) {
                return false;
            }
            if (inFlight.compareAndSet(index, current, current + 1)) {
                total.incrementAndGet();
                return true;
            }
        }
    }

    /** Counts a pick made past the bound (every eligible backend was full while counts moved). */
    void claim(int index) {
        inFlight.incrementAndGet(index);
        total.incrementAndGet();
    }

    void release(int index) {
        inFlight.decrementAndGet(index);
        total.decrementAndGet();
    }

    int inFlight(int index) {
        return inFlight.get(index);
    }
}
