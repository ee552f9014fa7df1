package io.junction.plugins.advanced;

import io.junction.api.Balancer;
import io.junction.api.PoolContext;
import org.pf4j.Extension;

import java.util.List;
import java.util.function.LongSupplier;

/** {@code random}: an eligible backend at random, by weight. The baseline the others are measured against. */
@Extension
public final class RandomStrategy extends LoadAwareStrategy {

    public static final String ID = "random";

    public RandomStrategy() {
        this(System::nanoTime);
    }

    RandomStrategy(LongSupplier clock) {
        super(ID, List.of(), clock);
    }

    @Override
    Balancer create(PoolContext pool, StrategyOptions options, SlowStart.EffectiveWeights weights, LongSupplier clock) {
        return new WeightedRandom(weights, clock);
    }
}
