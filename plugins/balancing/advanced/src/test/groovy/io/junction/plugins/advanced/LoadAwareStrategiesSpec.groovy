package io.junction.plugins.advanced

import io.junction.api.Outcome
import spock.lang.Specification

import java.util.concurrent.atomic.AtomicLong

class LoadAwareStrategiesSpec extends Specification {

    final AtomicLong clock = new AtomicLong(1_000_000_000_000L)

    def "#strategy spreads #n quick requests over weights #weights within #tolerance of their shares"() {
        given:
        def pool = TestPool.weighted(weights)
        def balancer = strategy.create(pool)
        int total = weights.sum() as int

        when:
        def counts = pool.spread(balancer, n)

        then:
        pool.backends.every { Math.abs(counts[it.name] / n - it.weight / total) <= tolerance }

        where:
        strategy                        | weights   | n      || tolerance
        new RandomStrategy()            | [1, 1, 1] | 60_000 || 0.01
        new RandomStrategy()            | [5, 1, 1] | 60_000 || 0.01
        new LeastConnectionsStrategy()  | [1, 1, 1] | 60_000 || 0.01
        new PowerOfTwoChoicesStrategy() | [1, 1, 1] | 60_000 || 0.01
        new PeakEwmaStrategy()          | [1, 1, 1] | 60_000 || 0.01
    }

    def "#strategy with #held requests held keeps in-flight per weight even over weights #weights: #expected"() {
        given:
        def pool = TestPool.weighted(weights, options)
        def balancer = strategy.create(pool)

        when:
        held.times { pool.lease(balancer) }

        then:
        pool.backends*.active*.get() == expected

        where:
        strategy                        | weights      | options        | held || expected
        new LeastConnectionsStrategy()  | [1, 1, 1]    | [:]            | 30   || [10, 10, 10]
        new LeastConnectionsStrategy()  | [3, 1]       | [:]            | 40   || [30, 10]
        new LeastConnectionsStrategy()  | [5, 2, 1, 2] | [:]            | 100  || [50, 20, 10, 20]
        new PowerOfTwoChoicesStrategy() | [3, 1]       | [:]            | 40   || [30, 10]
        new PowerOfTwoChoicesStrategy() | [1, 1]       | [choices: '3'] | 30   || [15, 15]
    }

    def "p2c keeps the busiest of #backends backends within #slack of the average"() {
        given:
        def pool = TestPool.of(backends)
        def balancer = new PowerOfTwoChoicesStrategy().create(pool)

        when: 'requests pile up and never finish'
        (backends * 50).times { pool.lease(balancer) }

        then:
        pool.backends*.active*.get().max() <= 50 + slack

        where:
        backends || slack
        10       || 3
        50       || 4
    }

    def "least-connections breaks ties without favouring the first backend"() {
        given:
        def pool = TestPool.of(4)
        def balancer = new LeastConnectionsStrategy().create(pool)

        expect:
        pool.spread(balancer, 40_000).values().every { it > 9_000 }
    }

    def "peak-ewma moves traffic off a backend as soon as it answers 10x slower, and back after its cost decays"() {
        given:
        def pool = TestPool.of(3)
        def strategy = new PeakEwmaStrategy(clock::get)
        def balancer = strategy.create(pool)
        def answer = { backend -> pool.finish(balancer, backend, backend.name == 'b' ? 100_000_000 : 10_000_000) }

        when: 'every backend has answered once'
        pool.backends.each { backend -> backend.active.incrementAndGet(); answer(backend) }
        def counts = [:].withDefault { 0 }
        3000.times {
            def backend = pool.lease(balancer)
            counts[backend.name]++
            answer(backend)
        }

        then: 'two distinct choices always include a faster backend than b'
        counts.b == 0

        when: 'a minute with no answers from b: its cost decays below the others'
        clock.addAndGet(60_000_000_000L)
        def later = (1..30).collect { pool.lease(balancer).name }

        then:
        later.contains('b')
    }

    def "peak-ewma counts a failed attempt as at least twice the current cost"() {
        given:
        def pool = TestPool.of(2)
        def balancer = new PeakEwmaStrategy(clock::get).create(pool)
        def ewma = balancer.load as PeakEwma

        when:
        balancer.done(pool.backends[0], Outcome.RESPONDED, 10_000_000, 10_000_000)
        balancer.done(pool.backends[0], Outcome.CONNECT_FAILED, Balancer_NO_RESPONSE, 1_000)

        then:
        ewma.cost(0, clock.get()) == 20_000_000d
    }

    def "slow-start #window ramps a backend that joins: #elapsed after it joined it takes #expected of #held held requests"() {
        given: 'a pool of a and b, then a reload that adds c'
        def strategy = new LeastConnectionsStrategy(clock::get)
        strategy.create(TestPool.of(2, ['slow-start': window]))
        clock.addAndGet(100_000_000_000L)
        def pool = TestPool.of(3, ['slow-start': window])
        def balancer = strategy.create(pool)

        when:
        clock.addAndGet(elapsed * 1_000_000_000L)
        held.times { pool.lease(balancer) }

        then:
        pool.backends*.active*.get() == expected

        where:
        window | elapsed | held || expected
        '10s'  | 0       | 42   || [20, 20, 2]
        '10s'  | 5       | 50   || [20, 20, 10]
        '10s'  | 10      | 60   || [20, 20, 20]
        '10s'  | 60      | 60   || [20, 20, 20]
        '20s'  | 5       | 45   || [20, 20, 5]
    }

    def "slow-start 10s ramps a backend that comes back #cameBack s after the pool was built: #elapsed s later it takes #expected of #held held requests"() {
        given: 'a pool built long after its backends joined'
        def strategy = new LeastConnectionsStrategy(clock::get)
        def pool = TestPool.of(3, ['slow-start': '10s'])
        strategy.create(pool)
        clock.addAndGet(100_000_000_000L)
        def balancer = strategy.create(pool)

        when: 'c comes back (from down or ejected) at its time'
        if (cameBack != null) pool.backends[2].availableSince = clock.get() + cameBack * 1_000_000_000L
        clock.addAndGet(elapsed * 1_000_000_000L)
        held.times { pool.lease(balancer) }

        then:
        pool.backends*.active*.get() == expected

        where:
        cameBack | elapsed | held || expected
        null     | 0       | 60   || [20, 20, 20]
        -100     | 0       | 60   || [20, 20, 20]
        -5       | 0       | 50   || [20, 20, 10]
        0        | 0       | 42   || [20, 20, 2]
        0        | 5       | 50   || [20, 20, 10]
        0        | 10      | 60   || [20, 20, 20]
        3        | 8       | 50   || [20, 20, 10]
    }

    def "a backend removed by a reload and added back later ramps again"() {
        given:
        def strategy = new LeastConnectionsStrategy(clock::get)
        strategy.create(TestPool.of(3, ['slow-start': '10s']))
        clock.addAndGet(100_000_000_000L)
        strategy.create(TestPool.of(2, ['slow-start': '10s']))
        clock.addAndGet(100_000_000_000L)
        def pool = TestPool.of(3, ['slow-start': '10s'])
        def balancer = strategy.create(pool)

        when:
        42.times { pool.lease(balancer) }

        then:
        pool.backends*.active*.get() == [20, 20, 2]
    }

    private static final long Balancer_NO_RESPONSE = io.junction.api.Balancer.NO_RESPONSE
}
