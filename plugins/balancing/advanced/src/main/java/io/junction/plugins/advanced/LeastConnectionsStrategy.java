package io.junction.plugins.advanced;

import io.junction.api.Balancer;
import io.junction.api.PoolContext;
import org.pf4j.Extension;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code least-connections}: the eligible backend with the fewest requests in flight per unit of weight (nginx's
 * {@code least_conn}), ties broken at random so that no backend is favoured for coming first.
 */
@Extension
public final class LeastConnectionsStrategy extends LoadAwareStrategy {

    public static final String ID = "least-connections";

    public LeastConnectionsStrategy() {
        this(System::nanoTime);
    }

    LeastConnectionsStrategy(LongSupplier clock) {
        super(ID, List.of(), clock);
    }

    @Override
    Balancer create(PoolContext pool, StrategyOptions options, SlowStart.EffectiveWeights weights, LongSupplier clock) {
        return new LeastLoaded(ID, LeastLoaded.ALL, Load.IN_FLIGHT, weights, new BackendIndex(pool), clock);
    }
}
