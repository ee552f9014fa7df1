package io.junction.core.check

import io.junction.core.model.Config
import io.junction.core.model.TcpListenerSpec
import spock.lang.Specification

import static io.junction.core.check.ConfigValidatorSpec.*

/** A listener kind speaks one protocol to its backends: tcp listeners tcp://, http listeners http:// or https://. */
class ListenerSchemeSpec extends Specification {

    def validator = new ConfigValidator(['round-robin'] as Set)

    def "a #kind listener forwarding to a pool of #backends -> #message"() {
        given:
        def pool = pool('db', 'round-robin', backends.withIndex().collect { uri, i -> backend(uri, 1, at('10-pools.groovy', 2 + i, 5)) },
                at('10-pools.groovy', 1, 1))
        def forward = forward('db', at('20-listeners.groovy', 2, 5))
        def listener = kind == 'tcp'
                ? new TcpListenerSpec('front', '127.0.0.1', 5432, forward, TcpListenerSpec.Limits.DEFAULTS, at('20-listeners.groovy', 1, 1))
                : listener('front', 8080, [], forward, at('20-listeners.groovy', 1, 1))

        expect:
        validator.problems(new Config([listener], [db: pool]))*.toString() == (message ? ["20-listeners.groovy:2:5: $message".toString()] : [])

        where:
        kind   | backends                                           || message
        'tcp'  | ['tcp://127.0.0.1:5432', 'tcp://127.0.0.1:5433']   || null
        'http' | ['http://127.0.0.1:9001']                          || null
        'http' | ['http://127.0.0.1:9001', 'https://127.0.0.1:9443'] || null
        'tcp'  | ['https://127.0.0.1:9443']                         || "tcp listener 'front' forwards to pool 'db', whose backend 'https://127.0.0.1:9443' at 10-pools.groovy:2:5 is not tcp://host:port: pools of tcp listeners take tcp:// backends only"
        'tcp'  | ['tcp://127.0.0.1:5432', 'http://127.0.0.1:9001'] || "tcp listener 'front' forwards to pool 'db', whose backend 'http://127.0.0.1:9001' at 10-pools.groovy:3:5 is not tcp://host:port: pools of tcp listeners take tcp:// backends only"
        'http' | ['tcp://127.0.0.1:5432']                           || "http listener 'front' forwards to pool 'db', whose backend 'tcp://127.0.0.1:5432' at 10-pools.groovy:2:5 is not http://host:port or https://host:port: pools of http listeners take http:// or https:// backends only"
    }

    def "a tcp listener's forward to an undefined pool is reported at the forward"() {
        given:
        def listener = new TcpListenerSpec('front', '127.0.0.1', 5432, forward('nope', at(2, 5)), TcpListenerSpec.Limits.DEFAULTS, at(1))

        expect:
        validator.problems(new Config([listener], [:]))*.toString() == ["main.groovy:2:5: forward to pool 'nope', which is not defined; defined pools: (none)"]
    }
}
