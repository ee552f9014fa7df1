package io.junction.plugins.basic

import io.junction.api.Balancer
import io.junction.api.BalancingStrategy
import spock.lang.Specification

/** What every strategy spec needs: one balancer per pool, created for it as the server does, and its picks. */
abstract class StrategySpec extends Specification {

    private final Map<TestCandidates, Balancer> balancers = new IdentityHashMap<>()

    abstract BalancingStrategy strategy()

    Balancer balancer(TestCandidates candidates) {
        balancers.computeIfAbsent(candidates) { strategy().create(candidates) }
    }

    String picks(TestCandidates candidates, int n) {
        Picks.of(balancer(candidates), candidates, n)
    }
}
