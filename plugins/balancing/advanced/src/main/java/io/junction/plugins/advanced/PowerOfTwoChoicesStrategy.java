package io.junction.plugins.advanced;

import io.junction.api.Balancer;
import io.junction.api.PoolContext;
import org.pf4j.Extension;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code p2c}: the power of two choices on requests in flight (Envoy's {@code least_request}): draw
 * {@code choices} (default 2) eligible backends at random and take the one with the fewest in flight per unit of
 * weight. Nearly as even as least-connections, without looking at every backend, and without the herd that
 * least-connections sends to a backend that just became the least loaded.
 */
@Extension
public final class PowerOfTwoChoicesStrategy extends LoadAwareStrategy {

    public static final String ID = "p2c";
    static final String CHOICES = "choices";

    public PowerOfTwoChoicesStrategy() {
        this(System::nanoTime);
    }

    PowerOfTwoChoicesStrategy(LongSupplier clock) {
        super(ID, List.of(CHOICES), clock);
    }

    @Override
    Balancer create(PoolContext pool, StrategyOptions options, SlowStart.EffectiveWeights weights, LongSupplier clock) {
        int choices = options.integer(CHOICES, 2, 2, 16);
        return new LeastLoaded(ID, choices, Load.IN_FLIGHT, weights, new BackendIndex(pool), clock);
    }
}
