package io.junction.dsl

import io.junction.core.model.AllDownSpec
import io.junction.core.model.BackendMode
import io.junction.core.model.EjectionSpec
import io.junction.core.model.HealthSpec
import io.junction.core.model.RetrySpec
import spock.lang.Specification

import java.time.Duration

import static io.junction.dsl.Scripts.compile

/** The pool words that keep requests away from sick backends: health, eject, retries, allDown, backend state. */
class ResilienceWordsSpec extends Specification {

    static def pool(String body) {
        compile('10-pools.groovy': "pool('web') {\n    backend 'http://127.0.0.1:9001'\n$body\n}").pools().web
    }

    def "a pool without these words: no check, default ejection, no resends, 503 when all are down"() {
        when:
        def web = pool('')

        then:
        web.health() == null
        web.ejection() == EjectionSpec.DEFAULTS
        web.retries() == RetrySpec.NONE
        web.allDown() == AllDownSpec.DEFAULTS
        web.backends()*.mode() == [BackendMode.UP]
    }

    def "health #words -> #expected"() {
        expect:
        pool("health $words").health() == expected

        where:
        words                                                                              || expected
        "'http'"                                                                           || new HealthSpec('http', [:], Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 2, HealthSpec.Initial.UP)
        "'http', path: '/healthz', interval: '5s', timeout: '500ms', fall: 3, rise: 1, initial: 'down'" || new HealthSpec('http', [path: '/healthz'], Duration.ofSeconds(5), Duration.ofMillis(500), 3, 1, HealthSpec.Initial.DOWN)
        "'tcp', send: 'PING', 'header.X-A': 1"                                             || new HealthSpec('tcp', [send: 'PING', 'header.X-A': '1'], Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 2, HealthSpec.Initial.UP)
    }

    def "eject, retries and allDown take their options; a backend takes a state"() {
        when:
        def web = pool("""
    backend 'http://127.0.0.1:9002', state: 'drain'
    backend 'http://127.0.0.1:9003', weight: 2, state: 'maint'
    eject failures: 3, time: '10s', maxTime: '1m', maxPercent: 30
    retries 2, time: '3s', budget: 25
    allDown panic: true, retryAfter: '5s'""")

        then:
        web.backends()*.mode() == [BackendMode.UP, BackendMode.DRAIN, BackendMode.MAINT]
        web.ejection() == new EjectionSpec(3, Duration.ofSeconds(10), Duration.ofMinutes(1), 30)
        web.retries() == new RetrySpec(2, Duration.ofSeconds(3), 25)
        web.allDown() == new AllDownSpec(true, Duration.ofSeconds(5))
    }
}
