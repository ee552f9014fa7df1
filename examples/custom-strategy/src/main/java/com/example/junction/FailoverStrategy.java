package com.example.junction;

import io.junction.api.Backend;
import io.junction.api.Balancer;
import io.junction.api.BalancingStrategy;
import io.junction.api.Candidates;
import io.junction.api.PoolContext;
import io.junction.api.RequestView;
import org.pf4j.Extension;

/**
 * {@code failover}: every request goes to the first eligible backend in script order, so the later backends are
 * standbys that take traffic only while the ones before them cannot (down, or already tried by this request).
 */
@Extension
public final class FailoverStrategy implements BalancingStrategy {

    @Override
    public String id() {
        return "failover";
    }

    @Override
    public Balancer create(PoolContext pool) {
        if (!pool.options().keys().isEmpty()) {
            throw new IllegalArgumentException("failover takes no options, got " + pool.options().keys());
        }
        return FailoverStrategy::firstEligible;
    }

    /** Lock-free and allocation-free: a scan in script order. */
    private static Backend firstEligible(Candidates candidates, RequestView request) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.isEligible(i)) {
                return candidates.get(i);
            }
        }
        return null;
    }
}
