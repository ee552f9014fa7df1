package io.junction.plugins.advanced

import io.junction.api.BalancingStrategy
import spock.lang.Specification

/** What every strategy of the plugin promises alike. */
class AdvancedStrategiesSpec extends Specification {

    static final List<BalancingStrategy> ALL = [new RandomStrategy(), new LeastConnectionsStrategy(), new PowerOfTwoChoicesStrategy(),
                                                new PeakEwmaStrategy(), new ConsistentHashStrategy()]

    def "#strategy.class.simpleName has the stable id #id"() {
        expect:
        strategy.id() == id

        where:
        strategy                        || id
        new RandomStrategy()            || 'random'
        new LeastConnectionsStrategy()  || 'least-connections'
        new PowerOfTwoChoicesStrategy() || 'p2c'
        new PeakEwmaStrategy()          || 'peak-ewma'
        new ConsistentHashStrategy()    || 'consistent-hash'
    }

    def "#strategy picks nothing when no candidate is eligible and never an ineligible one (#count backends, without #names)"() {
        given:
        def pool = TestPool.of(count)
        def balancer = strategy.create(pool)
        pool.without(names as String[])

        expect:
        def picked = (1..2000).collect { pool.lease(balancer, Requests.with(ip: "10.0.${it >> 8}.${it & 255}"))?.name } as Set
        picked == (pool.backends*.name - names ?: [null]) as Set

        where:
        [strategy, count, names] << [ALL, [[1, ['a']], [3, ['a', 'b', 'c']], [3, ['b']], [5, ['a', 'c', 'e']]]].combinations()
                .collect { s, c -> [s, *c] }
    }

    def "#id refuses #options: #message"() {
        when:
        ALL.find { it.id() == id }.create(TestPool.of(3, options))

        then:
        def e = thrown(IllegalArgumentException)
        e.message == message

        where:
        id                  | options                                           || message
        'p2c'               | [choices: '1']                                    || "option 'choices' must be between 2 and 16, got 1"
        'p2c'               | [choices: 'two']                                  || "option 'choices' must be a whole number, got 'two'"
        'random'            | [decay: '10s']                                    || "strategy 'random' has no option decay (it knows slow-start)"
        'least-connections' | ['slow-start': '30']                              || "option 'slow-start' must be a duration such as 30s, 500ms or 2m, got '30'"
        'peak-ewma'         | [decay: '0s']                                     || "option 'decay' must be longer than 0ms"
        'consistent-hash'   | [key: 'header:']                                  || "option 'key' must be header:NAME, cookie:NAME, query:NAME, client-ip, path or host, got 'header:'"
        'consistent-hash'   | [key: 'user']                                     || "option 'key' must be header:NAME, cookie:NAME, query:NAME, client-ip, path or host, got 'user'"
        'consistent-hash'   | [algorithm: 'jump']                               || "option 'algorithm' must be ring, maglev or rendezvous, got 'jump'"
        'consistent-hash'   | ['table-size': '65536']                           || "option 'table-size' must be a prime larger than the number of backends (3), such as 65537, got 65536"
        'consistent-hash'   | ['table-size': '2']                               || "option 'table-size' must be a prime larger than the number of backends (3), such as 65537, got 2"
        'consistent-hash'   | [algorithm: 'ring', 'table-size': '65537']        || "option 'table-size' applies to algorithm 'maglev' only"
        'consistent-hash'   | [vnodes: '100']                                   || "option 'vnodes' applies to algorithm 'ring' only"
        'consistent-hash'   | [algorithm: 'ring', vnodes: '1000000']            || "the ring would have 3000000 points (weights x vnodes); at most 1048576 are supported: lower 'vnodes'"
        'consistent-hash'   | [bound: '1']                                      || "option 'bound' must be a number above 1.0, got '1'"
        'consistent-hash'   | ['slow-start': '30s']                             || "strategy 'consistent-hash' has no option slow-start (it knows algorithm, bound, key, table-size, vnodes)"
    }
}
