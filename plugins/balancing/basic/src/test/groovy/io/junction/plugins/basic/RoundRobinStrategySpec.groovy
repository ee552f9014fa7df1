package io.junction.plugins.basic


class RoundRobinStrategySpec extends StrategySpec {

    @Override
    RoundRobinStrategy strategy() { new RoundRobinStrategy() }

    def "#count backends are picked in script order: #expected"() {
        given:
        def candidates = TestCandidates.of(count)

        expect:
        picks(candidates, expected.size()) == expected

        where:
        count || expected
        1     || 'aaaa'
        2     || 'ababab'
        3     || 'abcabcabc'
        5     || 'abcdeabcde'
    }

    def "100 picks over 2 backends split exactly 50/50"() {
        expect:
        picks(TestCandidates.of(2), 100).toList().countBy { it } == [a: 50, b: 50]
    }

    def "ineligible #without are skipped and the others keep their order: #expected"() {
        given:
        def candidates = TestCandidates.of(count).without(without as String[])

        expect:
        picks(candidates, expected.size()) == expected

        where:
        count | without    || expected
        3     | ['b']      || 'acacac'
        3     | ['a']      || 'bcbcbc'
        3     | ['c']      || 'ababab'
        3     | ['a', 'c'] || 'bbbb'
        4     | ['b', 'c'] || 'adadad'
    }

    def "a skipped backend does not give its neighbour a double turn"() {
        given:
        def candidates = TestCandidates.of(3).without('b')

        expect:
        picks(candidates, 1000).toList().countBy { it } == [a: 500, c: 500]
    }

    def "after a retry marks the picked backend ineligible, the next one is picked"() {
        given:
        def candidates = TestCandidates.of(3)

        expect:
        balancer(candidates).pick(candidates, null).toString() == 'a'
        balancer(candidates).pick(candidates.without('b'), null).toString() == 'c'
        balancer(candidates).pick(candidates.without(), null).toString() == 'a'
    }

    def "each balancer has its own turn"() {
        given:
        def candidates = TestCandidates.of(3)
        def other = new RoundRobinStrategy().create(candidates)
        balancer(candidates).pick(candidates, null)

        expect:
        other.pick(candidates, null).toString() == 'a'
    }

    def "concurrent picks from #threads threads keep the counts exact"() {
        given:
        def candidates = TestCandidates.of(backends)
        int perThread = 20_000

        when:
        def counts = Picks.concurrently(balancer(candidates), candidates, threads, perThread)

        then:
        counts.collectEntries { k, v -> [k, v.sum()] } == candidates.backends.collectEntries { [it.name, threads * perThread / backends as long] }

        where:
        threads | backends
        4       | 2
        8       | 4
        5       | 5
    }
}
