package io.junction.core.pool

import io.junction.api.Backend
import io.junction.api.Balancer
import io.junction.api.Candidates
import io.junction.api.RequestView
import io.junction.core.model.BackendAddress
import io.junction.core.model.BackendSpec
import io.junction.core.model.PoolSpec
import io.junction.core.model.SourceLocation
import spock.lang.Specification

/** Pool, PoolMember and the backend state they share through BackendStates. */
class PoolMembersSpec extends Specification {

    static final Balancer NONE = { Candidates c, RequestView r -> null } as Balancer

    def states = new BackendStates()

    def "member #index exposes uri #uri, weight #weight and id #id"() {
        given:
        def pool = pool('web', [backend('http://127.0.0.1:9001', 3), backend('http://10.1.2.3:80/', 1), backend('http://backend-2.internal:8443', 7)])

        when:
        def member = pool.members()[index]

        then:
        member.uri() == URI.create(uri)
        member.weight() == weight
        member.id() == id
        member.index() == index
        member.state().id() == id
        member.toString() == id

        where:
        index || uri                              | weight | id
        0     || 'http://127.0.0.1:9001'          | 3      | 'http://127.0.0.1:9001'
        1     || 'http://10.1.2.3:80'             | 1      | 'http://10.1.2.3:80'
        2     || 'http://backend-2.internal:8443' | 7      | 'http://backend-2.internal:8443'
    }

    def "a pool knows its name and spec and lists its members in script order"() {
        given:
        def spec = poolSpec('web', [backend('http://127.0.0.1:9002', 1), backend('http://127.0.0.1:9001', 1)])
        def pool = new Pool(spec, states, NONE)

        expect:
        pool.name() == 'web'
        pool.spec().is(spec)
        pool.members()*.id() == ['http://127.0.0.1:9002', 'http://127.0.0.1:9001']
        pool.members()*.index() == [0, 1]

        when:
        pool.members().add(pool.members()[0])

        then:
        thrown(UnsupportedOperationException)
    }

    def "BackendStates.of returns the same state for the same id, a different one for another id"() {
        when:
        def a = states.of('http://127.0.0.1:9001')
        def b = states.of('http://127.0.0.1:9002')

        then:
        a.is(states.of('http://127.0.0.1:9001'))
        !a.is(b)
        a.id() == 'http://127.0.0.1:9001'
        b.id() == 'http://127.0.0.1:9002'
    }

    def "two pools naming the same backend share its state and active-request count"() {
        given:
        def web = pool('web', [backend('http://127.0.0.1:9001', 1), backend('http://127.0.0.1:9002', 1)])
        def api = pool('api', [backend('http://127.0.0.1:9002', 5), backend('http://127.0.0.1:9003', 1)])
        def viaWeb = web.members()[1]
        def viaApi = api.members()[0]

        expect:
        viaWeb.state().is(viaApi.state())
        !web.members()[0].state().is(api.members()[1].state())

        when:
        viaWeb.state().requestStarted()
        viaWeb.state().requestStarted()
        viaApi.state().requestStarted()

        then:
        viaWeb.activeRequests() == 3
        viaApi.activeRequests() == 3
        web.members()[0].activeRequests() == 0
        api.members()[1].activeRequests() == 0

        when:
        viaApi.state().requestEnded()

        then:
        viaWeb.activeRequests() == 2

        and: 'each pool still sees its own weight'
        viaWeb.weight() == 1
        viaApi.weight() == 5
    }

    def "the next generation of a pool keeps the counts of the backends it still names"() {
        given:
        def old = pool('web', [backend('http://127.0.0.1:9001', 1)])
        old.members()[0].state().requestStarted()

        when:
        def next = pool('web', [backend('http://127.0.0.1:9000', 1), backend('http://127.0.0.1:9001/', 2)])

        then:
        next.members()[1].activeRequests() == 1
        next.members()[0].activeRequests() == 0
    }

    def "retainOnly forgets every backend it is not given"() {
        given:
        def kept = states.of('http://127.0.0.1:9001')
        def dropped = states.of('http://127.0.0.1:9002')
        kept.requestStarted()
        dropped.requestStarted()

        when:
        states.retainOnly(['http://127.0.0.1:9001'] as Set)

        then:
        states.of('http://127.0.0.1:9001').is(kept)
        states.of('http://127.0.0.1:9001').activeRequests() == 1

        and: 'a forgotten backend starts over'
        def fresh = states.of('http://127.0.0.1:9002')
        !fresh.is(dropped)
        fresh.activeRequests() == 0
    }

    def "retainOnly with no id forgets everything"() {
        given:
        def a = states.of('http://127.0.0.1:9001')

        when:
        states.retainOnly([] as Set)

        then:
        !states.of('http://127.0.0.1:9001').is(a)
    }

    def "a backend's identity does not depend on the case of its host name"() {
        given:
        def web = pool('web', [backend('http://Backend-1.internal:9001', 1)])
        def api = pool('api', [backend('http://backend-1.internal:9001', 1)])

        expect:
        web.members()[0].id() == api.members()[0].id()
        web.members()[0].state().is(api.members()[0].state())
    }

    // ---- fixtures

    static BackendSpec backend(String uri, int weight) {
        new BackendSpec(BackendAddress.parse(uri), weight, new SourceLocation('10-pools.groovy', 2, 5))
    }

    static PoolSpec poolSpec(String name, List<BackendSpec> backends) {
        new PoolSpec(name, 'round-robin', [:], backends, PoolSpec.Timeouts.DEFAULTS, new SourceLocation('10-pools.groovy', 1, 1))
    }

    Pool pool(String name, List<BackendSpec> backends) {
        new Pool(poolSpec(name, backends), states, NONE)
    }
}
