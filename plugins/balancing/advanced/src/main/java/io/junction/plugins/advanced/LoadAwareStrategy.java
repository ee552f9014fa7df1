package io.junction.plugins.advanced;

import io.junction.api.Balancer;
import io.junction.api.BalancingStrategy;
import io.junction.api.PoolContext;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What the load-aware strategies share: strict options, weights with the optional {@code slow-start} ramp, and a
 * clock the specs can drive.
 */
abstract class LoadAwareStrategy implements BalancingStrategy {

    private final String id;
    private final Set<String> options;
    private final LongSupplier clock;
    private final SlowStart slowStart = new SlowStart();

    LoadAwareStrategy(String id, List<String> ownOptions, LongSupplier clock) {
        this.id = id;
        this.options = new HashSet<>(ownOptions);
        this.options.add(SlowStart.OPTION);
        this.clock = clock;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Balancer create(PoolContext pool) {
        StrategyOptions read = new StrategyOptions(id, pool.options(), options);
        return create(pool, read, slowStart.weights(pool, read, clock.getAsLong()), clock);
    }

    abstract Balancer create(PoolContext pool, StrategyOptions options, SlowStart.EffectiveWeights weights, LongSupplier clock);

    @Override
    public final String toString() {
        return id;
    }
}
