package io.junction.core.pool

import io.junction.api.Backend
import io.junction.api.Balancer
import io.junction.api.BalancingStrategy
import io.junction.api.Candidates
import io.junction.api.Outcome
import io.junction.api.PoolContext
import io.junction.api.RequestView
import io.junction.core.model.BackendAddress
import io.junction.core.model.BackendSpec
import io.junction.core.model.PoolSpec
import io.junction.core.model.SourceLocation
import spock.lang.Specification

class AttemptsSpec extends Specification {

    static final RequestView REQUEST = null // Attempts and the test balancers never look at the request

    def states = new BackendStates()

    def "next returns every member once, in the balancer's order, then null"() {
        given:
        def balancer = new FirstEligible()
        def pool = pool('web', 'first', 3, balancer)
        def attempts = pool.attempts()

        when:
        def picks = (1..3).collect { attempts.next(REQUEST) }

        then:
        picks.size() == 3
        (0..2).every { picks[it].member().is(pool.members()[it]) }
        attempts.count() == 3

        when:
        def afterAll = attempts.next(REQUEST)

        then: 'null, without asking the balancer again'
        afterAll == null
        balancer.picks == 3
        attempts.count() == 3
    }

    def "a member is never returned twice for one request, whatever eligible one the balancer chooses (seed #seed)"() {
        given:
        def pool = pool('web', 'random', 5, new RandomEligible(new Random(seed)))
        def attempts = pool.attempts()

        when:
        def picks = (1..7).collect { attempts.next(REQUEST) }

        then:
        picks[0..4].every { it != null }
        picks[0..4].collect { it.member().index() }.toSet() == (0..4).toSet()
        picks[5] == null
        picks[6] == null
        attempts.count() == 5

        where:
        seed << (1..20)
    }

    def "members tried by a request become ineligible for it, and only for it"() {
        given:
        def pool = pool('web', 'first', 3, new FirstEligible())
        def attempts = pool.attempts()

        expect:
        (0..2).every { attempts.isEligible(it) }

        when:
        def first = attempts.next(REQUEST)

        then:
        first.member().index() == 0
        !attempts.isEligible(0)
        attempts.isEligible(1)
        attempts.isEligible(2)

        when:
        def second = attempts.next(REQUEST)

        then:
        second.member().index() == 1
        !attempts.isEligible(0)
        !attempts.isEligible(1)
        attempts.isEligible(2)

        and: 'another request starts afresh'
        def other = pool.attempts()
        (0..2).every { other.isEligible(it) }
        other.count() == 0
        other.next(REQUEST).member().index() == 0
    }

    def "count counts successful picks only"() {
        given:
        def balancer = new Scripted([0, null, 2])
        def attempts = pool('web', 'scripted', 3, balancer).attempts()

        expect:
        attempts.count() == 0

        when:
        def a = attempts.next(REQUEST)

        then:
        a.member().index() == 0
        attempts.count() == 1

        when: 'the balancer finds nothing it wants'
        def b = attempts.next(REQUEST)

        then:
        b == null
        attempts.count() == 1
        attempts.isEligible(1)

        when:
        def c = attempts.next(REQUEST)

        then:
        c.member().index() == 2
        attempts.count() == 2
    }

    def "the candidates are the pool's members in script order"() {
        given:
        def pool = pool('web', 'first', 3, new FirstEligible())
        def attempts = pool.attempts()

        expect:
        attempts.size() == 3
        attempts.pool().is(pool)
        (0..2).every { attempts.get(it).is(pool.members()[it]) }
        (0..2).collect { attempts.get(it).uri().toString() } == ['http://127.0.0.1:9000', 'http://127.0.0.1:9001', 'http://127.0.0.1:9002']
    }

    def "an empty pool gives no member and never asks the balancer"() {
        given:
        def balancer = new FirstEligible()
        def attempts = pool('empty', 'first', 0, balancer).attempts()

        expect:
        attempts.next(REQUEST) == null
        attempts.count() == 0
        balancer.picks == 0
    }

    def "a balancer returning #what costs no request: round robin stands in and the fault is reported"() {
        given:
        def other = pool('other', 'first', 5, new FirstEligible())
        def stranger = strangerOf.call(other)
        def faults = []
        def attempts = new Pool(spec('web', 'rogue', 3), states, handing(new Always(stranger)), faultsInto(faults)).attempts()

        when:
        def picks = (1..3).collect { attempts.next(REQUEST) }

        then: 'each member once, by round robin'
        picks*.member()*.index().toSet() == [0, 1, 2] as Set
        attempts.count() == 3
        faults.size() == 3
        faults[0] == "strategy 'rogue' of pool 'web' returned $stranger, which is not a candidate; round robin used instead".toString()

        where:
        what                                                  | strangerOf
        'a backend of its own making'                         | { Pool p -> new ForeignBackend() }
        "another pool's member at a valid index"              | { Pool p -> p.members()[1] }
        "another pool's member at an index beyond this pool"  | { Pool p -> p.members()[4] }
    }

    def "a member of an earlier generation of the same pool is not a candidate either"() {
        given: 'same spec, same shared states, but a different Pool'
        def spec = spec('web', 'rogue', 2)
        def faults = []
        def old = new Pool(spec, states, handing(new FirstEligible()), LeaseListener.NONE)
        def current = new Pool(spec, states, handing(new Always(old.members()[0])), faultsInto(faults))

        when:
        def lease = current.attempts().next(REQUEST)

        then:
        current.members().any { it.is(lease.member()) }
        faults.size() == 1
        faults[0].contains("which is not a candidate")
    }

    def "a balancer returning an already tried member, or throwing, gets an eligible one by round robin"() {
        given:
        def faults = []
        def attempts = new Pool(spec('web', 'bad', 3), states, handing(balancer), faultsInto(faults)).attempts()

        when:
        def picks = (1..3).collect { attempts.next(REQUEST) }

        then:
        picks*.member()*.index().toSet() == [0, 1, 2] as Set
        faults.size() == expectedFaults
        faults.every { it.startsWith("strategy 'bad' of pool 'web' $reason") && it.endsWith('; round robin used instead') }

        when: 'nothing is left to try'
        def none = attempts.next(REQUEST)

        then:
        none == null

        where:
        balancer                                                           || expectedFaults | reason
        new StickyToFirst()                                                || 2              | 'picked http://127.0.0.1:9000, which is not eligible'
        ({ Candidates c, RequestView r -> throw new IllegalStateException('bug') } as Balancer) || 3 | 'threw java.lang.IllegalStateException: bug'
    }

    def "a lease counts its backend in flight from the pick until it ends with #outcome"() {
        given:
        def balancer = new FirstEligible()
        def heard = []
        def attempts = new Pool(spec('web', 'first', 2), states, handing(balancer),
                { m, o, firstByte, total -> heard << [m, o, firstByte, total] } as LeaseListener).attempts()

        when:
        def lease = attempts.next(REQUEST)

        then: 'in flight from the pick, nothing reported yet'
        lease.member().activeRequests() == 1
        balancer.done.isEmpty()
        heard.isEmpty()

        when:
        lease.end(outcome)
        lease.end(Outcome.RESPONDED)

        then: 'ended once: the balancer, then the listener, heard the first outcome'
        lease.member().activeRequests() == 0
        balancer.done.size() == 1
        balancer.done[0][0].is(lease.member())
        balancer.done[0][1] == outcome
        heard.size() == 1
        heard[0][1] == outcome
        heard[0][2] == Balancer.NO_RESPONSE
        heard[0][3] >= 0

        where:
        outcome << Outcome.values()
    }

    def "a lease measures the time to the first response byte and the total"() {
        given:
        def heard = []
        def attempts = new Pool(spec('web', 'first', 1), states, handing(new FirstEligible()),
                { m, o, firstByte, total -> heard << [firstByte, total] } as LeaseListener).attempts()
        def lease = attempts.next(REQUEST)

        when:
        lease.responseStarted()
        lease.responseStarted()
        lease.end(Outcome.RESPONDED)

        then:
        def (firstByte, total) = heard[0]
        firstByte >= 0
        total >= firstByte
    }

    def "each attempt's end reaches the balancer, in order"() {
        given:
        def balancer = Mock(Balancer)
        def attempts = pool('web', 'mocked', 2, balancer).attempts()
        def members = attempts.pool().members()

        when:
        attempts.next(REQUEST).end(Outcome.CONNECT_FAILED)
        attempts.next(REQUEST).end(Outcome.RESPONDED)

        then:
        1 * balancer.pick(attempts, REQUEST) >> members[1]
        then:
        1 * balancer.done(members[1], Outcome.CONNECT_FAILED, Balancer.NO_RESPONSE, _)
        then:
        1 * balancer.pick(attempts, REQUEST) >> members[0]
        then:
        1 * balancer.done(members[0], Outcome.RESPONDED, Balancer.NO_RESPONSE, _)
        0 * _
    }

    // ---- fixtures

    static BackendSpec backend(int n) {
        new BackendSpec(BackendAddress.parse("http://127.0.0.1:${9000 + n}"), 1, new SourceLocation('10-pools.groovy', n + 2, 5))
    }

    static PoolSpec spec(String name, String strategy, int size) {
        PoolSpec.builder(name).strategy(strategy, [:]).backends((0..<size).collect { backend(it) })
                .location(new SourceLocation('10-pools.groovy', 1, 1)).build()
    }

    Pool pool(String name, String strategy, int size, Balancer balancer) {
        new Pool(spec(name, strategy, size), states, handing(balancer), LeaseListener.NONE)
    }

    /** A listener that records the strategy faults it is told of. */
    static LeaseListener faultsInto(List<String> faults) {
        new LeaseListener() {
            void ended(PoolMember member, Outcome outcome, long timeToFirstByteNanos, long totalNanos) {}

            void strategyFault(Pool pool, String reason) { faults << reason }
        }
    }

    /** A strategy that hands every pool the given balancer. */
    static BalancingStrategy handing(Balancer balancer) {
        [id: { 'test' }, create: { PoolContext pool -> balancer }] as BalancingStrategy
    }

    /** Picks the first eligible candidate; records what it is told. */
    static class FirstEligible implements Balancer {
        int picks
        List<List<Object>> done = []

        Backend pick(Candidates candidates, RequestView request) {
            picks++
            for (int i = 0; i < candidates.size(); i++) {
                if (candidates.isEligible(i)) {
                    return candidates.get(i)
                }
            }
            null
        }

        void done(Backend backend, Outcome outcome, long timeToFirstByteNanos, long totalNanos) {
            done << [backend, outcome]
        }
    }

    static class RandomEligible implements Balancer {
        final Random random

        RandomEligible(Random random) { this.random = random }

        Backend pick(Candidates candidates, RequestView request) {
            def eligible = (0..<candidates.size()).findAll { candidates.isEligible(it) }
            eligible ? candidates.get(eligible[random.nextInt(eligible.size())]) : null
        }
    }

    /** Returns the candidates at the given indexes (null: none) one call after the other. */
    static class Scripted implements Balancer {
        final Iterator<Integer> script

        Scripted(List<Integer> script) { this.script = script.iterator() }

        Backend pick(Candidates candidates, RequestView request) {
            Integer index = script.next()
            index == null ? null : candidates.get(index)
        }
    }

    /** Ignores eligibility: always the first member. */
    static class StickyToFirst implements Balancer {
        Backend pick(Candidates candidates, RequestView request) {
            candidates.get(0)
        }
    }

    static class Always implements Balancer {
        final Backend backend

        Always(Backend backend) { this.backend = backend }

        Backend pick(Candidates candidates, RequestView request) {
            backend
        }
    }

    static class ForeignBackend implements Backend {
        String id() { 'http://10.0.0.1:80' }

        URI uri() { URI.create(id()) }

        int weight() { 1 }

        int activeRequests() { 0 }

        String toString() { 'foreign' }
    }
}
