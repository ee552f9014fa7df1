package io.junction.plugins.advanced;

import io.junction.api.Balancer;
import io.junction.api.PoolContext;
import org.pf4j.Extension;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code peak-ewma}: the power of two choices over {@link PeakEwma} cost, latency times requests in flight plus
 * one, as Finagle's and Linkerd's default balancer. A slow backend is avoided as soon as one slow response
 * comes back, and is tried again as its cost decays ({@code decay}, default 10s).
 */
@Extension
public final class PeakEwmaStrategy extends LoadAwareStrategy {

    public static final String ID = "peak-ewma";
    static final String DECAY = "decay";
    static final long DEFAULT_DECAY_NANOS = 10_000_000_000L;

    public PeakEwmaStrategy() {
        this(System::nanoTime);
    }

    PeakEwmaStrategy(LongSupplier clock) {
        super(ID, List.of(DECAY), clock);
    }

    @Override
    Balancer create(PoolContext pool, StrategyOptions options, SlowStart.EffectiveWeights weights, LongSupplier clock) {
        long decay = options.durationNanos(DECAY, DEFAULT_DECAY_NANOS);
        if (decay <= 0) {
            throw new IllegalArgumentException("option '" + DECAY + "' must be longer than 0ms");
        }
        PeakEwma load = new PeakEwma(pool.backends().size(), decay, clock.getAsLong());
        return new LeastLoaded(ID, 2, load, weights, new BackendIndex(pool), clock);
    }
}
