package io.junction.plugins.basic;

import io.junction.api.Backend;
import io.junction.api.Balancer;
import io.junction.api.BalancingStrategy;
import io.junction.api.PoolContext;
import org.pf4j.Extension;

import java.math.BigInteger;
import java.util.List;

/**
 * {@code weighted-round-robin}: nginx's smooth weighted round robin ({@code ngx_http_upstream_get_peer}). On every
 * turn each backend's current weight grows by its weight, the largest current weight wins, and the winner gives
 * back the total. Weights 5, 1, 1 give {@code a a b a c a a}: a heavy backend's turns are spread out instead of
 * bunched together.
 *
 * <p>The sequence is periodic, so it is computed once per pool, one period long (weights divided by their
 * greatest common divisor), and picks walk it lock-free ({@link CyclicSequence}). A backend that is not eligible
 * for a request gives its turn to the next eligible one in the sequence, so the eligible backends keep the ratio
 * of their weights.
 */
@Extension
public final class WeightedRoundRobinStrategy implements BalancingStrategy {

    public static final String ID = "weighted-round-robin";

    /** The longest period kept (4 MiB of turns); weights beyond it are refused with the pool. */
    static final int MAX_PERIOD = 1 << 20;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Balancer create(PoolContext pool) {
        return new CyclicSequence(ID, smoothSequence(pool.backends()));
    }

    @Override
    public String toString() {
        return ID;
    }

    /** One period of nginx's smooth weighted round robin over all backends, as backend indices. */
    static int[] smoothSequence(List<Backend> backends) {
        int[] weights = backends.stream().mapToInt(backend -> Math.max(1, backend.weight())).toArray();
        int divisor = weights.length == 0 ? 1 : 0;
        for (int weight : weights) {
            divisor = BigInteger.valueOf(divisor).gcd(BigInteger.valueOf(weight)).intValue();
        }
        long period = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= divisor;
            period += weights[i];
        }
        if (period > MAX_PERIOD) {
            throw new IllegalArgumentException("the weights add up to " + period + " turns per round (after dividing by their"
                    + " greatest common divisor); at most " + MAX_PERIOD + " are supported");
        }
        int[] sequence = new int[(int) period];
        long[] current = new long[weights.length];
        for (int turn = 0; turn < sequence.length; turn++) {
            int best = 0;
            for (int i = 0; i < weights.length; i++) {
                current[i] += weights[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= period;
            sequence[turn] = best;
        }
        return sequence;
    }
}
