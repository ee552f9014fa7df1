package io.junction.plugins.basic;

import io.junction.api.Balancer;
import io.junction.api.BalancingStrategy;
import io.junction.api.PoolContext;
import org.pf4j.Extension;

import java.util.stream.IntStream;

/**
 * {@code round-robin}: the candidates in script order, one after the other, skipping the ones that are
 * not eligible for this request. Every backend is treated alike; weights are ignored
 * (use {@code weighted-round-robin} for those).
 */
@Extension
public final class RoundRobinStrategy implements BalancingStrategy {

    public static final String ID = "round-robin";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Balancer create(PoolContext pool) {
        return new CyclicSequence(ID, IntStream.range(0, pool.backends().size()).toArray());
    }

    @Override
    public String toString() {
        return ID;
    }
}
