package io.junction.plugins.advanced;

import io.junction.api.Backend;
import io.junction.api.Balancer;
import io.junction.api.Candidates;
import io.junction.api.Outcome;
import io.junction.api.RequestView;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A consistent-hash balancer: the request's key, hashed, walks its {@link KeyOrder} to the first eligible backend
 * (within the bound, when there is one). A request without the key gets a random hash: it is spread over the
 * backends as keys are, by weight and within the bound. No lock, no allocation.
 */
final class ConsistentHash implements Balancer {

    private static final int WALKS = 3;

    private final String description;
    private final HashKey key;
    private final KeyOrder order;
    private final BoundedLoads bound;
    private final BackendIndex indices;

    /** @param bound null for no bound */
    ConsistentHash(String description, HashKey key, KeyOrder order, BoundedLoads bound, BackendIndex indices) {
        this.description = description;
        this.key = key;
        this.order = order;
        this.bound = bound;
        this.indices = indices;
    }

    @Override
    public Backend pick(Candidates candidates, RequestView request) {
        String value = key.of(request);
        long hash = value == null ? ThreadLocalRandom.current().nextLong() : Hashing.of(value);
        if (bound == null) {
            return backend(candidates, order.first(hash, candidates, Admission.ANY, 0));
        }
        int index = -1;
        // a walk that found every eligible backend full saw other picks claim slots meanwhile, which raised the caps
        // (they grow with the total in flight): walk again with a fresh share before serving past the bound
        for (int walk = 0; walk < WALKS && index < 0; walk++) {
            index = order.first(hash, candidates, bound, bound.share(candidates));
        }
        if (index < 0) {
            // still full after that (or nothing is eligible): serve anyway
            index = order.first(hash, candidates, Admission.ANY, 0);
            if (index >= 0) {
                bound.claim(index);
            }
        }
        return backend(candidates, index);
    }

    private static Backend backend(Candidates candidates, int index) {
        return index < 0 ? null : candidates.get(index);
    }

    @Override
    public void done(Backend backend, Outcome outcome, long timeToFirstByteNanos, long totalNanos) {
        int index = indices.of(backend);
        if (bound != null && index >= 0) {
            bound.release(index);
        }
    }

    /** How the in-flight counts of the bound stand, for the specs; 0 without a bound. */
    int inFlight(int index) {
        return bound == null ? 0 : bound.inFlight(index);
    }

    @Override
    public String toString() {
        return description;
    }
}
