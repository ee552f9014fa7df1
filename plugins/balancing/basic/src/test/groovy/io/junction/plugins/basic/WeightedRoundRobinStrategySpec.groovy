package io.junction.plugins.basic


class WeightedRoundRobinStrategySpec extends StrategySpec {

    @Override
    WeightedRoundRobinStrategy strategy() { new WeightedRoundRobinStrategy() }

    def "weights #weights give the smooth sequence #expected"() {
        given:
        def candidates = TestCandidates.weighted(weights)

        expect:
        picks(candidates, expected.size()) == expected

        where:
        weights   || expected
        [5, 1, 1] || 'aabacaa' * 3
        [1, 1]    || 'ababab'
        [1, 1, 1] || 'abcabc'
        [2, 1]    || 'abaaba'
        [3, 2]    || 'ababa' * 2
        [1, 2]    || 'babbab'
        [4, 2, 1] || 'abacaba' * 2
        [1]       || 'aaa'
        [10, 2, 2] || 'aabacaa' * 2
    }

    def "weights whose round is longer than #max turns are refused with the pool"() {
        when:
        new WeightedRoundRobinStrategy().create(TestCandidates.weighted([max, 1]))

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains("the weights add up to ${max + 1} turns per round")

        where:
        max = WeightedRoundRobinStrategy.MAX_PERIOD
    }

    def "over #rounds rounds weights #weights are honoured exactly"() {
        given:
        def candidates = TestCandidates.weighted(weights)
        int total = weights.sum() as int

        when:
        def counts = picks(candidates, rounds * total).toList().countBy { it }

        then:
        counts == candidates.backends.collectEntries { [it.name, it.weight * rounds] }

        where:
        weights           | rounds
        [5, 1, 1]         | 100
        [3, 7]            | 1000
        [10, 1, 2, 5, 1]  | 500
        [100, 1]          | 50
    }

    def "no backend falls more than one turn behind its share at any point"() {
        given:
        def weights = [7, 3, 2, 1]
        def candidates = TestCandidates.weighted(weights)
        int total = weights.sum() as int
        def counts = [:].withDefault { 0 }

        expect:
        (1..total * 20).every { n ->
            counts[balancer(candidates).pick(candidates, null).toString()]++
            candidates.backends.every { Math.abs(counts[it.name] - n * it.weight / total) < 1 }
        }
    }

    def "ineligible #without are skipped: weights #weights give #expected"() {
        given:
        def candidates = TestCandidates.weighted(weights).without(without as String[])

        expect:
        picks(candidates, expected.size()) == expected

        where:
        weights   | without    || expected
        [5, 1, 1] | ['a']      || 'bcbcbc'
        [5, 1, 1] | ['b']      || 'aaacaa' * 2
        [5, 1, 1] | ['a', 'c'] || 'bbb'
        [1, 1, 1] | ['b']      || 'acacac'
    }

    def "a retry that marks the picked backend ineligible gets the next best"() {
        given:
        def candidates = TestCandidates.weighted([5, 1, 1])

        expect: 'the first pick is a; retrying without a gives b'
        balancer(candidates).pick(candidates, null).toString() == 'a'
        balancer(candidates).pick(candidates.without('a'), null).toString() == 'b'

        and: 'all backends stay in rotation afterwards'
        picks(candidates.without(), 70).toList().toSet() == ['a', 'b', 'c'] as Set
    }

    def "concurrent picks from 8 threads keep whole rounds exact"() {
        given:
        def candidates = TestCandidates.weighted([5, 2, 1])
        int threads = 8
        int perThread = 8 * 1_000   // a whole number of rounds in total

        when:
        def counts = Picks.concurrently(balancer(candidates), candidates, threads, perThread)

        then:
        counts.collectEntries { k, v -> [k, v.sum()] } == [a: 40_000L, b: 16_000L, c: 8_000L]
    }
}
