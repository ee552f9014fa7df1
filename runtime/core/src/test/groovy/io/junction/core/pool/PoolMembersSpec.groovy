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

import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.Executors

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
        def pool = new Pool(spec, states, AttemptsSpec.handing(NONE), LeaseListener.NONE)

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
        viaWeb.state().tryRequestStarted(0)
        viaWeb.state().tryRequestStarted(0)
        viaApi.state().tryRequestStarted(0)

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
        old.members()[0].state().tryRequestStarted(0)

        when:
        def next = pool('web', [backend('http://127.0.0.1:9000', 1), backend('http://127.0.0.1:9001/', 2)])

        then:
        next.members()[1].activeRequests() == 1
        next.members()[0].activeRequests() == 0
    }

    def "retainOnly forgets at once a removed backend with nothing in flight"() {
        given:
        def forgotten = []
        states = new BackendStates({ forgotten << it })
        def kept = states.of('http://127.0.0.1:9001')
        def dropped = states.of('http://127.0.0.1:9002')
        kept.tryRequestStarted(0)

        when:
        states.retainOnly(['http://127.0.0.1:9001'] as Set)

        then:
        forgotten == ['http://127.0.0.1:9002']
        states.ids() == ['http://127.0.0.1:9001'] as Set
        states.of('http://127.0.0.1:9001').is(kept)
        states.of('http://127.0.0.1:9001').activeRequests() == 1

        and: 'a forgotten backend starts over'
        !states.of('http://127.0.0.1:9002').is(dropped)
    }

    def "a removed backend keeps its state while requests are in flight to it, and is forgotten after the last one"() {
        given:
        def forgotten = []
        states = new BackendStates({ forgotten << it })
        def draining = states.of('http://127.0.0.1:9002')
        2.times { draining.tryRequestStarted(0) }

        when: 'a reload removes it'
        states.retainOnly([] as Set)

        then: 'its counts stay true'
        forgotten.isEmpty()
        states.activeRequests('http://127.0.0.1:9002') == 2

        when:
        draining.requestEnded()

        then:
        forgotten.isEmpty()
        states.activeRequests('http://127.0.0.1:9002') == 1

        when:
        draining.requestEnded()

        then:
        forgotten == ['http://127.0.0.1:9002']
        states.ids().isEmpty()
    }

    def "a backend named again while it drains gets its state back and is not forgotten"() {
        given:
        def forgotten = []
        states = new BackendStates({ forgotten << it })
        def backend = states.of('http://127.0.0.1:9002')
        backend.tryRequestStarted(0)
        states.retainOnly([] as Set)

        when:
        def again = states.of('http://127.0.0.1:9002')
        backend.requestEnded()

        then:
        again.is(backend)
        forgotten.isEmpty()
        states.ids() == ['http://127.0.0.1:9002'] as Set
    }

    def "requests ending on many threads while the backend is removed: forgotten exactly once, at zero"() {
        given:
        def forgotten = new ConcurrentLinkedQueue<String>()
        states = new BackendStates({ forgotten << it })
        def backend = states.of('http://127.0.0.1:9002')
        int requests = 20_000
        requests.times { backend.tryRequestStarted(0) }
        def threads = Executors.newFixedThreadPool(4)

        when:
        def endings = (1..4).collect { threads.submit({ (requests / 4).times { backend.requestEnded() } } as Runnable) }
        states.retainOnly([] as Set)
        endings*.get()
        threads.shutdown()

        then:
        backend.activeRequests() == 0
        forgotten.toList() == ['http://127.0.0.1:9002']
        states.ids().isEmpty()
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
        PoolSpec.builder(name).backends(backends).location(new SourceLocation('10-pools.groovy', 1, 1)).build()
    }

    Pool pool(String name, List<BackendSpec> backends) {
        new Pool(poolSpec(name, backends), states, AttemptsSpec.handing(NONE), LeaseListener.NONE)
    }
}
