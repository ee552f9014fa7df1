package io.junction.dsl

import io.junction.core.model.Action
import io.junction.core.model.BackendAddress
import io.junction.core.model.Matcher
import io.junction.core.model.ProxyProtocol
import io.junction.core.model.SourceLocation
import io.junction.core.model.TcpListenerSpec
import spock.lang.Specification

import java.time.Duration

import static io.junction.dsl.Scripts.compile
import static io.junction.dsl.Scripts.problemsOf

/** {@code tcp('name', port: ...) { forward 'pool' }}: an L4 listener in the same scripts as the pools. */
class TcpListenerDslSpec extends Specification {

    static final String POOLS = "pool('db') {\n    backend 'tcp://127.0.0.1:5432'\n}\n"

    def "a tcp listener with #options forwards to its pool with idle timeout #idle and at most #max connections"() {
        when:
        def config = compile('10-pools.groovy': POOLS, '20-tcp.groovy': "tcp('db', port: 15432$options) {\n    forward 'db'\n}")
        TcpListenerSpec listener = config.listener('db')

        then:
        config.pools().db.backends()*.address()*.scheme() == [BackendAddress.Scheme.TCP]
        listener.port() == 15432
        listener.bindAddress() == bind
        listener.forward() == new Action.Forward('db', new SourceLocation('20-tcp.groovy', 2, 5))
        listener.limits() == new TcpListenerSpec.Limits(idle, max)
        listener.location() == new SourceLocation('20-tcp.groovy', 1, 1)

        where:
        options                                                       || bind        | idle                   | max
        ''                                                            || '0.0.0.0'   | Duration.ofMinutes(10) | 10_000
        ", bind: '127.0.0.1'"                                         || '127.0.0.1' | Duration.ofMinutes(10) | 10_000
        ", idleTimeout: '30s', maxConnections: 200"                   || '0.0.0.0'   | Duration.ofSeconds(30) | 200
    }

    def "in a tcp declaration, #line -> #message"() {
        expect:
        problemsOf('10-pools.groovy': POOLS, '20-tcp.groovy': line)*.toString() == ["20-tcp.groovy:$column: $message".toString()]

        where:
        line                                                               || column | message
        "tcp('db', bind: '127.0.0.1') { forward 'db' }"                   || '1:1'  | "tcp 'db' needs a port, e.g. tcp('db', port: 8080)"
        "tcp('db', port: 70000) { forward 'db' }"                          || '1:1'  | "listener 'db' port 70000 is outside 0..65535"
        "tcp('db', port: 1, idleTimeout: 'soon') { forward 'db' }"         || '1:1'  | "tcp idleTimeout: 'soon' is not a duration; write a whole number above 0 followed by ms, s, m or h, e.g. 250ms, 1s, 2m"
        "tcp('db', port: 1, maxConnections: 0) { forward 'db' }"           || '1:1'  | "tcp maxConnections: got 0, expected a whole number of at least 1"
        "tcp('db', port: 1, ssl: true) { forward 'db' }"                   || '1:1'  | "'tcp' has no option 'ssl'; allowed: acceptProxyFrom, bind, idleTimeout, maxConnections, port, proxyProtocol"
        "tcp('db', port: 1, proxyProtocol: 'v3') { forward 'db' }"         || '1:1'  | "proxyProtocol: 'v3' is not a PROXY protocol version; use none, v1, v2"
        "tcp('db', port: 1, acceptProxyFrom: '10.0.0/8') { forward 'db' }" || '1:1'  | "tcp acceptProxyFrom: '10.0.0/8' is not an address range; write e.g. '10.0.0.0/8', '127.0.0.1/32' or '2001:db8::/32'"
        "tcp('db', port: 1, acceptProxyFrom: ['lb.local']) { forward 'db' }" || '1:1' | "tcp acceptProxyFrom: 'lb.local' is not an address range; write e.g. '10.0.0.0/8', '127.0.0.1/32' or '2001:db8::/32'"
        "tcp('db', port: 1, acceptProxyFrom: [10]) { forward 'db' }"       || '1:1'  | "tcp acceptProxyFrom: got [10] (ArrayList), expected text in quotes or a list of them"
        "tcp('db', port: 1) { }"                                           || '1:1'  | "tcp 'db' forwards nowhere: add forward 'pool' or route(sni: 'name') { forward 'pool' }"
        "tcp('db', port: 1) { forward '' }"                                || '1:22' | "forward needs a pool name, e.g. forward 'web'"
        "tcp('db', port: 1) {\n    forward 'db'\n    forward 'db'\n}"      || '3:5'  | "'forward' after 'forward' at 20-tcp.groovy:2:5: a tcp listener forwards to one pool"
        "tcp('db', port: 1) { respond 200, 'ok' }"                         || '1:22' | "unknown DSL word 'respond' in a tcp block; allowed here: forward, route"
        "tcp('db', port: 1) { route([:]) { forward 'db' } }"               || '1:22' | "a tcp route needs the server name, e.g. route(sni: 'db.example.com') { forward 'db' }"
        "tcp('db', port: 1) { route(sni: 'a/b') { forward 'db' } }"        || '1:22' | "route host 'a/b' is not a host name: write it without port or path, e.g. shop.example.com, or *.example.com for every subdomain"
        "tcp('db', port: 1) { route(sni: 'a', host: 'b') { forward 'db' } }" || '1:22' | "'route' has no option 'host'; allowed: sni"
        "tcp('db', port: 1) { route(sni: 'a') { } }"                       || '1:22' | "route has no forward: add forward 'pool'"
        "tcp('db', port: 1) { route(sni: 'a') { respond 200, 'x' } }"      || '1:40' | "unknown DSL word 'respond' in a tcp route block; allowed here: forward"
    }

    def "routes by TLS server name, in order, with forward for the rest"() {
        when:
        TcpListenerSpec listener = compile('10-pools.groovy': POOLS, '20-tcp.groovy': """tcp('tls', port: 443) {
    route(sni: 'db.example.com') { forward 'db' }
    route(sni: '*.example.org') { forward 'db' }
    forward 'db'
}""").listener('tls')

        then:
        listener.routesByServerName()
        listener.routes()*.matchers() == [[new Matcher.Host('db.example.com')], [new Matcher.Host('*.example.org')]]
        listener.routes()*.action()*.location() == [new SourceLocation('20-tcp.groovy', 2, 36), new SourceLocation('20-tcp.groovy', 3, 35)]
        listener.forward().pool() == 'db'
    }

    def "acceptProxyFrom #written trusts #trusted and not #untrusted"() {
        when:
        TcpListenerSpec listener = compile('10-pools.groovy': POOLS, '20-tcp.groovy': "tcp('db', port: 1$written) { forward 'db' }").listener('db')

        then:
        listener.acceptsProxy() == (trusted != null)
        trusted == null || listener.trustsProxy(InetAddress.getByName(trusted))
        !listener.trustsProxy(InetAddress.getByName(untrusted))

        where:
        written                                            || trusted     | untrusted
        ''                                                 || null        | '127.0.0.1'
        ", acceptProxyFrom: '127.0.0.1'"                   || '127.0.0.1' | '127.0.0.2'
        ", acceptProxyFrom: ['10.0.0.0/8', '2001:db8::/32']" || '2001:db8::7' | '11.0.0.1'
    }

    def "a pool that says proxyProtocol #inPool under a listener that says #inListener sends #version"() {
        given:
        def pools = "pool('db') {\n    backend 'tcp://127.0.0.1:5432'\n$inPool\n}\n"
        def config = compile('10-pools.groovy': pools, '20-tcp.groovy': "tcp('db', port: 1$inListener) { forward 'db' }")

        expect:
        config.listener('db').proxyProtocolFor(config.pools().db) == version

        where:
        inPool                   | inListener               || version
        ''                       | ''                       || ProxyProtocol.NONE
        ''                       | ", proxyProtocol: 'v1'"  || ProxyProtocol.V1
        ''                       | ", proxyProtocol: 'v2'"  || ProxyProtocol.V2
        "proxyProtocol 'v2'"     | ''                       || ProxyProtocol.V2
        "proxyProtocol 'v2'"     | ", proxyProtocol: 'v1'"  || ProxyProtocol.V2
        "proxyProtocol 'none'"   | ", proxyProtocol: 'v1'"  || ProxyProtocol.NONE
    }

    def "in a pool, #line -> #message"() {
        expect:
        problemsOf('10-pools.groovy': "pool('db') {\n    backend '$backend'\n    $line\n}\n")*.toString() == ["10-pools.groovy:$at: $message".toString()]

        where:
        backend                  | line                                           || at    | message
        'tcp://127.0.0.1:5432'   | "proxyProtocol 'v3'"                           || '3:5' | "proxyProtocol: 'v3' is not a PROXY protocol version; use none, v1, v2"
        'tcp://127.0.0.1:5432'   | "proxyProtocol 'v1'\n    proxyProtocol 'v2'" || '4:5' | "'proxyProtocol' after 'proxyProtocol' at 10-pools.groovy:3:5: a pool takes one proxyProtocol"
        'http://127.0.0.1:8080'  | "proxyProtocol 'v1'"                           || '3:5' | "pool 'db': proxyProtocol is for pools of tcp:// backends"
    }

    def "routes alone: a connection no route matches is closed"() {
        expect:
        compile('10-pools.groovy': POOLS, '20-tcp.groovy': "tcp('tls', port: 443) { route(sni: 'a') { forward 'db' } }")
                .listener('tls').forward() == null
    }

    def "a tcp listener and an http listener share one name space"() {
        expect:
        problemsOf('10-pools.groovy': POOLS, '20-tcp.groovy': "tcp('db', port: 1) { forward 'db' }\nhttp('db', port: 2) { }")*.toString() ==
                ["20-tcp.groovy:2:1: listener 'db' is already declared at 20-tcp.groovy:1:1"]
    }
}
