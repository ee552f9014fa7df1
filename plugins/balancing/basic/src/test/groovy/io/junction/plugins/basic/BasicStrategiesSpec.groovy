package io.junction.plugins.basic

import io.junction.api.BalancingStrategy
import spock.lang.Specification

/** What both built-in strategies promise alike. */
class BasicStrategiesSpec extends Specification {

    def "#strategy.class.simpleName has the stable id #id"() {
        expect:
        strategy.id() == id

        where:
        strategy                         || id
        new RoundRobinStrategy()         || 'round-robin'
        new WeightedRoundRobinStrategy() || 'weighted-round-robin'
    }

    def "#id picks nothing when no candidate is eligible (#count backends)"() {
        given:
        def candidates = TestCandidates.of(count)
        def balancer = strategy.create(candidates)

        expect:
        balancer.pick(candidates.without(names as String[]), null) == null

        where:
        [strategy, count, names] << [[new RoundRobinStrategy(), new WeightedRoundRobinStrategy()],
                                     [[0, []], [1, ['a']], [3, ['a', 'b', 'c']]]].combinations().collect { s, c -> [s, *c] }
        id = (strategy as BalancingStrategy).id()
    }
}
