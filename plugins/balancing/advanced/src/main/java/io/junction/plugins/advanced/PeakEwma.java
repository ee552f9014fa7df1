package io.junction.plugins.advanced;

import io.junction.api.Backend;
import io.junction.api.Balancer;
import io.junction.api.Outcome;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Finagle's peak-EWMA load ({@code PeakEwma.scala}, Linkerd's "Beyond Round Robin"): a latency average that jumps
 * up to a slower sample at once (the peak) and decays towards faster ones with time constant {@code decay}, times
 * the requests in flight plus one. A backend never measured costs 0, so it is tried first, unless it has requests
 * in flight already: then it costs a penalty above every measured one.
 *
 * <p>Lock-free: the cost (as double bits) and the time of its last sample live in two arrays; a sample replaces
 * the cost with one compare-and-set, and a concurrent sample that loses retries on the newer cost. Reading decays
 * the cost to now without writing.
 */
final class PeakEwma implements Load {

    /** Finagle's: far above any latency in nanoseconds, so an unmeasured busy backend comes last. */
    static final double PENALTY = (double) (Long.MAX_VALUE >> 16);

    private final double decayNanos;
    private final AtomicLongArray costBits;
    private final AtomicLongArray sampledAt;

    PeakEwma(int backends, long decayNanos, long now) {
        this.decayNanos = decayNanos;
        this.costBits = new AtomicLongArray(backends);
        this.sampledAt = new AtomicLongArray(backends);
        for (int i = 0; i < backends; i++) {
            sampledAt.set(i, now);
        }
    }

    @Override
    public double of(int index, Backend backend, long now) {
        double cost = cost(index, now);
        int inFlight = backend.activeRequests();
        return cost == 0 && inFlight > 0 ? PENALTY + inFlight : cost * (inFlight + 1);
    }

    @Override
    public boolean timed() {
        return true;
    }

    /** A failed attempt counts as twice the current cost (at least as long as it took), so failing fast does not attract. */
    @Override
    public void done(int index, Outcome outcome, long timeToFirstByteNanos, long totalNanos, long now) {
        boolean measured = outcome == Outcome.RESPONDED && timeToFirstByteNanos != Balancer.NO_RESPONSE;
        while (true) {
            long bits = costBits.get(index);
            double pastWeight = weightOfPast(sampledAt.get(index), now);
            double cost = Double.longBitsToDouble(bits) * pastWeight;
            double sample = measured ? timeToFirstByteNanos : Math.max(totalNanos, 2 * cost);
            double next = sample > cost ? sample : cost + (sample - cost) * (1 - pastWeight);
            if (costBits.compareAndSet(index, bits, Double.doubleToRawLongBits(next))) {
                sampledAt.set(index, now);
                return;
            }
        }
    }

    /** The cost at {@code index} decayed to {@code now}, as Finagle's reads decay it towards zero. */
    double cost(int index, long now) {
        return Double.longBitsToDouble(costBits.get(index)) * weightOfPast(sampledAt.get(index), now);
    }

    private double weightOfPast(long at, long now) {
        return Math.exp(-Math.max(0, now - at) / decayNanos);
    }
}
