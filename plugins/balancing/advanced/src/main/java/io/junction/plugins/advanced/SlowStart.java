package io.junction.plugins.advanced;

import io.junction.api.Backend;
import io.junction.api.PoolContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code slow-start: '30s'}: a backend that joins a pool, or comes back after being down or ejected
 * ({@link Backend#availableSince}), ramps its share linearly from {@link #MIN_SHARE} of its weight to all of it
 * over the window, so a cold backend is not flooded (as Envoy's slow start, aggression 1).
 *
 * <p>A balancer lives for one configuration generation, so when a backend joined cannot be known to it: the
 * strategy instance, which lives as long as its plugin, remembers per pool when each backend id was first seen. A
 * reload keeps the times of the backends that stay and forgets the removed ones; backends present when the plugin
 * starts count as joined together, which ramps all alike and so changes nothing.
 */
final class SlowStart {

    static final String OPTION = "slow-start";

    /** The share of its weight a backend gets the moment it joins: never zero, or it would never be tried. */
    static final double MIN_SHARE = 0.1;

    private final Map<String, Map<String, Long>> joinedByPool = new ConcurrentHashMap<>();

    /** The weights of {@code pool} with the ramp its {@code slow-start} option asks for (none when absent). */
    EffectiveWeights weights(PoolContext pool, StrategyOptions options, long now) {
        int[] weights = pool.backends().stream().mapToInt(backend -> Math.max(1, backend.weight())).toArray();
        long window = options.durationNanos(OPTION, 0);
        if (window == 0) {
            return new EffectiveWeights(weights, 0, null, pool.backends());
        }
        return new EffectiveWeights(weights, window, joined(pool, now), pool.backends());
    }

    /** When each backend of {@code pool} joined it, by index; first seen now unless seen by an earlier generation. */
    private long[] joined(PoolContext pool, long now) {
        Map<String, Long> before = joinedByPool.getOrDefault(pool.name(), Map.of());
        Map<String, Long> after = new HashMap<>();
        long[] joined = new long[pool.backends().size()];
        for (int i = 0; i < joined.length; i++) {
            String id = pool.backends().get(i).id();
            joined[i] = before.getOrDefault(id, now);
            after.put(id, joined[i]);
        }
        joinedByPool.put(pool.name(), after);
        return joined;
    }

    /** Weights by index, ramped by the time since each backend joined or came back. Immutable. */
    static final class EffectiveWeights {

        private final int[] weights;
        private final long window;
        private final long[] joined;
        private final List<Backend> backends;

        EffectiveWeights(int[] weights, long window, long[] joined, List<Backend> backends) {
            this.weights = weights;
            this.window = window;
            this.joined = joined;
            this.backends = backends;
        }

        /** Whether {@link #of} needs the time. */
        boolean ramps() {
            return window > 0;
        }

        double of(int index, long now) {
            if (window == 0) {
                return weights[index];
            }
            long since = backends.get(index).availableSince();
            long start = since != Backend.NEVER && since - joined[index] > 0 ? since : joined[index];
            double elapsed = (double) (now - start) / window;
            return weights[index] * Math.max(MIN_SHARE, Math.min(1, elapsed));
        }
    }
}
