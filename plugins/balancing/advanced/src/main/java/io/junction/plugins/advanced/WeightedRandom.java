package io.junction.plugins.advanced;

import io.junction.api.Backend;
import io.junction.api.Balancer;
import io.junction.api.Candidates;
import io.junction.api.RequestView;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/** Each eligible backend with a chance proportional to its (effective) weight: two passes, no lock, no allocation. */
final class WeightedRandom implements Balancer {

    private final SlowStart.EffectiveWeights weights;
    private final LongSupplier clock;

    WeightedRandom(SlowStart.EffectiveWeights weights, LongSupplier clock) {
        this.weights = weights;
        this.clock = clock;
    }

    @Override
    public Backend pick(Candidates candidates, RequestView request) {
        long now = weights.ramps() ? clock.getAsLong() : 0;
        double total = 0;
        int last = -1;
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.isEligible(i)) {
                total += weights.of(i, now);
                last = i;
            }
        }
        double point = ThreadLocalRandom.current().nextDouble(total > 0 ? total : 1);
        for (int i = 0; i < last; i++) {
            if (candidates.isEligible(i)) {
                point -= weights.of(i, now);
                if (point < 0) {
                    return candidates.get(i);
                }
            }
        }
        return last < 0 ? null : candidates.get(last);
    }

    @Override
    public String toString() {
        return RandomStrategy.ID;
    }
}
