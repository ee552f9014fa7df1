package io.junction.core.affinity

import io.junction.api.RequestView
import io.junction.api.Sessions
import io.junction.core.model.AffinitySpec
import io.junction.core.model.BackendAddress
import io.junction.core.model.BackendSpec
import io.junction.core.model.InvalidSpecException
import io.junction.core.model.PoolSpec
import io.junction.core.model.SourceLocation
import io.junction.core.pool.AttemptsSpec
import io.junction.core.pool.BackendStates
import io.junction.core.pool.LeaseListener
import io.junction.core.pool.Pool
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.TimeoutException

/** Core bounds every store lookup: a store whose lookup never completes costs the request its pin, not its answer. */
class StoreLookupSpec extends Specification {

    static final AffinitySpec.Key CLIENT_IP = new AffinitySpec.ClientIp(32, 128)

    def failures = new CopyOnWriteArrayList<Throwable>()

    def "a lookup that never completes is given up after the timeout #timeout and counted as a store failure"() {
        given:
        def affinity = affinity(['timeout': timeout], { key -> new CompletableFuture<String>() } as Sessions)
        def served = new CompletableFuture<Optional<String>>()

        when:
        def sticky = affinity.begin(client('10.0.0.1'))
        sticky.whenFound(Runnable::run) { served.complete(Optional.ofNullable(sticky.pinned())) }

        then:
        new PollingConditions(timeout: 5).eventually {
            assert served.isDone()
        }
        served.join().isEmpty()
        failures.size() == 1
        failures[0] instanceof TimeoutException
        failures[0].message == "session store 'never' found no pin within $expected"

        where:
        timeout || expected
        '50ms'  || Duration.ofMillis(50)
        '1s'    || Duration.ofSeconds(1)
    }

    def "a lookup answered in time is not a failure"() {
        given:
        def affinity = affinity([:], { key -> CompletableFuture.supplyAsync { null } } as Sessions)
        def served = new CompletableFuture<Boolean>()

        when:
        affinity.begin(client('10.0.0.1')).whenFound(Runnable::run) { served.complete(true) }

        then:
        served.get() && failures.isEmpty()
    }

    def "sessions timeout: '#text' is refused"() {
        when:
        new AffinitySpec(CLIENT_IP, 'redis', [timeout: text], Duration.ofHours(1))

        then:
        def e = thrown(InvalidSpecException)
        e.message == "sessions timeout must be a duration above 0 such as 200ms or 1s, got '$text'"

        where:
        text << ['0ms', 'soon', '-1s']
    }

    def "sessions #options bound lookups to #expected"() {
        expect:
        new AffinitySpec(CLIENT_IP, 'redis', options, Duration.ofHours(1)).lookupTimeout() == expected

        where:
        options              || expected
        [:]                  || Duration.ofSeconds(1)
        [timeout: '200ms']   || Duration.ofMillis(200)
        [timeout: '2s']      || Duration.ofSeconds(2)
    }

    Affinity affinity(Map<String, String> options, Sessions sessions) {
        def backend = new BackendSpec(BackendAddress.parse('http://127.0.0.1:1'), 1, new SourceLocation('pools.groovy', 2, 5))
        def spec = PoolSpec.builder('web').backends([backend])
                .affinity(new AffinitySpec(CLIENT_IP, 'never', options, Duration.ofHours(1)))
                .location(new SourceLocation('pools.groovy', 1, 1)).build()
        def pool = new Pool(spec, new BackendStates(), AttemptsSpec.handing(null), LeaseListener.NONE,
                { p -> new Affinity(p, sessions, null, { pool, cause -> failures << cause } as StoreFailures) })
        pool.affinity()
    }

    static RequestView client(String address) {
        [remoteAddress: { -> address }] as RequestView
    }
}
