package io.junction.plugins.advanced;

import io.junction.api.Backend;
import io.junction.api.Balancer;
import io.junction.api.Candidates;
import io.junction.api.Outcome;
import io.junction.api.RequestView;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Picks the eligible backend with the least {@link Load} per unit of (effective) weight: either among all of them,
 * or among {@code choices} drawn at random (the power of d choices, Mitzenmacher). Ties go to a random one of the
 * tied, so equal backends share evenly whatever their order. No lock, no allocation.
 */
final class LeastLoaded implements Balancer {

    /** Compare every eligible backend rather than a sample. */
    static final int ALL = 0;

    private final String id;
    private final int choices;
    private final Load load;
    private final SlowStart.EffectiveWeights weights;
    private final BackendIndex indices;
    private final LongSupplier clock;
    private final boolean timed;

    LeastLoaded(String id, int choices, Load load, SlowStart.EffectiveWeights weights, BackendIndex indices, LongSupplier clock) {
        this.id = id;
        this.choices = choices;
        this.load = load;
        this.weights = weights;
        this.indices = indices;
        this.clock = clock;
        this.timed = load.timed() || weights.ramps();
    }

    @Override
    public Backend pick(Candidates candidates, RequestView request) {
        long now = timed ? clock.getAsLong() : 0;
        int best = choices == ALL ? leastOfAll(candidates, now) : leastOfSample(candidates, now);
        return best < 0 ? null : candidates.get(best);
    }

    private int leastOfAll(Candidates candidates, long now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int best = -1;
        int ties = 0;
        double least = Double.POSITIVE_INFINITY;
        for (int i = 0; i < candidates.size(); i++) {
            if (!candidates.isEligible(i)) {
                continue;
            }
            double cost = cost(candidates, i, now);
            if (best < 0 || cost < least) {
                best = i;
                least = cost;
                ties = 1;
            } else if (cost == least && random.nextInt(++ties) == 0) {
                best = i;   // reservoir sampling: each of the tied ends up chosen with the same chance
            }
        }
        return best;
    }

    private int leastOfSample(Candidates candidates, long now) {
        int best = -1;
        double least = Double.POSITIVE_INFINITY;
        for (int draw = 0; draw < choices; draw++) {
            int i = RandomEligible.other(candidates, best);
            if (i < 0) {
                break;
            }
            double cost = cost(candidates, i, now);
            if (best < 0 || cost < least) {
                best = i;
                least = cost;
            }
        }
        return best;
    }

    private double cost(Candidates candidates, int index, long now) {
        return load.of(index, candidates.get(index), now) / weights.of(index, now);
    }

    @Override
    public void done(Backend backend, Outcome outcome, long timeToFirstByteNanos, long totalNanos) {
        int index = indices.of(backend);
        if (index >= 0) {
            load.done(index, outcome, timeToFirstByteNanos, totalNanos, clock.getAsLong());
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
