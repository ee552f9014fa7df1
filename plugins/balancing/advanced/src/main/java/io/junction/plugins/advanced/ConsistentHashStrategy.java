package io.junction.plugins.advanced;

import io.junction.api.Backend;
import io.junction.api.Balancer;
import io.junction.api.BalancingStrategy;
import io.junction.api.PoolContext;
import org.pf4j.Extension;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code consistent-hash}: requests with the same key go to the same backend, and a change of the pool moves as
 * few keys as the algorithm allows. Options: {@code key} (default {@code client-ip}), {@code algorithm}
 * ({@code maglev}, the default, {@code ring} or {@code rendezvous}), {@code vnodes} (ring: points per unit of
 * weight, default 1000), {@code table-size} (maglev: a prime, default 65537), {@code bound} (bounded loads,
 * e.g. 1.25; none by default). A request without the key is spread at random, by weight and within the bound.
 * There is no {@code slow-start}: ramping a backend up would move its keys twice.
 */
@Extension
public final class ConsistentHashStrategy implements BalancingStrategy {

    public static final String ID = "consistent-hash";

    static final String KEY = "key";
    static final String ALGORITHM = "algorithm";
    static final String VNODES = "vnodes";
    static final String TABLE_SIZE = "table-size";
    static final String BOUND = "bound";

    /** The options only one algorithm reads. */
    private static final Map<String, String> ALGORITHM_OPTIONS = Map.of(VNODES, "ring", TABLE_SIZE, "maglev");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Balancer create(PoolContext pool) {
        StrategyOptions options = new StrategyOptions(ID, pool.options(), Set.of(KEY, ALGORITHM, VNODES, TABLE_SIZE, BOUND));
        HashKey key = HashKey.parse(options.text(KEY, "client-ip"));
        String algorithm = options.text(ALGORITHM, "maglev");
        ALGORITHM_OPTIONS.forEach((option, owner) -> {
            if (pool.options().keys().contains(option) && !owner.equals(algorithm)) {
                throw new IllegalArgumentException("option '" + option + "' applies to algorithm '" + owner + "' only");
            }
        });
        List<Backend> backends = pool.backends();
        int[] weights = backends.stream().mapToInt(backend -> Math.max(1, backend.weight())).toArray();
        KeyOrder order = switch (algorithm) {
            case "ring" -> new HashRing(backends, weights, options.integer(VNODES, 1000, 1, HashRing.MAX_POINTS));
            case "maglev" -> new MaglevTable(backends, weights, options.integer(TABLE_SIZE, MaglevTable.DEFAULT_SIZE, 2, MaglevTable.MAX_SIZE));
            case "rendezvous" -> new Rendezvous(backends, weights);
            default -> throw new IllegalArgumentException("option 'algorithm' must be ring, maglev or rendezvous, got '" + algorithm + "'");
        };
        double bound = options.numberAbove(BOUND, 0, 1);
        BoundedLoads loads = bound == 0 ? null : new BoundedLoads(bound, weights);
        String description = ID + " " + algorithm + " on " + key + (loads == null ? "" : " bound " + bound);
        return new ConsistentHash(description, key, order, loads, new BackendIndex(pool));
    }

    @Override
    public String toString() {
        return ID;
    }
}
