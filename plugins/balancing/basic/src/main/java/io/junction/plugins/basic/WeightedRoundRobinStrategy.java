package io.junction.plugins.basic;

import io.junction.api.Backend;
import io.junction.api.Balancer;
import io.junction.api.BalancingStrategy;
import io.junction.api.Candidates;
import io.junction.api.Options;
import io.junction.api.RequestView;
import org.pf4j.Extension;

import java.util.Arrays;

/**
 * {@code weighted-round-robin}: nginx's smooth weighted round robin
 * ({@code ngx_http_upstream_get_peer}). On every pick each eligible candidate's current weight grows by
 * its weight, the largest current weight wins, and the winner gives back the total. Weights 5, 1, 1 give
 * {@code a a b a c a a}: a heavy backend's turns are spread out instead of bunched together.
 * Candidates that are not eligible for this request are skipped and their current weight left as it is,
 * as nginx does for a peer that is down or has failed too often.
 */
@Extension
public final class WeightedRoundRobinStrategy implements BalancingStrategy {

    public static final String ID = "weighted-round-robin";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Balancer create(Options options) {
        return new SmoothWeightedRoundRobin();
    }

    @Override
    public String toString() {
        return ID;
    }

    /**
     * Current weights are kept per candidate index, which the API keeps stable for a balancer's lifetime.
     * A pick is a short synchronized section over a preallocated array: no allocation per pick.
     */
    static final class SmoothWeightedRoundRobin implements Balancer {

        private long[] current = new long[0];

        @Override
        public Backend pick(Candidates candidates, RequestView request) {
            int size = candidates.size();
            Backend best = null;
            synchronized (this) {
                if (current.length < size) {
                    current = Arrays.copyOf(current, size);
                }
                long total = 0;
                int bestIndex = -1;
                for (int i = 0; i < size; i++) {
                    if (!candidates.isEligible(i)) {
                        continue;
                    }
                    Backend backend = candidates.get(i);
                    int weight = Math.max(1, backend.weight());
                    current[i] += weight;
                    total += weight;
                    if (bestIndex < 0 || current[i] > current[bestIndex]) {
                        bestIndex = i;
                        best = backend;
                    }
                }
                if (bestIndex >= 0) {
                    current[bestIndex] -= total;
                }
            }
            return best;
        }

        @Override
        public String toString() {
            return ID;
        }
    }
}
