package io.junction.testkit

import io.junction.core.check.ConfigException
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

import static io.junction.testkit.TestRequest.GET
import static io.junction.testkit.TestRequest.POST

/** A conf dir resolved offline: the decision for each request, by the rules the engines apply. */
class RoutesSpec extends Specification {

    @Shared @TempDir Path dir
    @Shared Routes routes

    def setupSpec() {
        Files.writeString(dir.resolve('10-pools.groovy'), '''
pool('api') { balance 'a-plugin-nobody-loaded'; backend 'http://10.0.0.1:80' }
pool('api-canary') { backend 'http://10.0.0.2:80' }
pool('static') { backend 'http://10.0.0.3:80' }
''')
        Files.writeString(dir.resolve('20-http.groovy'), '''
http('public', port: 8080) {
    route(host: 'old.example.com') { redirect 301, scheme: 'https', host: 'www.example.com' }
    route(host: 'shop.example.com', path: '/api') {
        stripPrefix '/api'
        setRequestHeader 'X-Env', 'prod'
        removeRequestHeader 'Cookie'
        setResponseHeader 'Cache-Control', 'no-store'
        split 'api-canary': 1, 'api': 1, key: 'header:X-User'
    }
    route(path: '/v1') { replacePrefix '/v1', '/api/v1'; forward 'api' }
    route(path: '/ping') { respond 200, 'pong', headers: ['X-Pong': 'yes'] }
}
http('admin', port: 9000) {
    otherwise { forward 'static' }
}
''')
        routes = Routes.load(dir)
    }

    def "#request -> #route, #action to one of #pools at #target"() {
        when:
        def decision = routes.resolve(request)

        then:
        decision.route() == route
        decision.action() == action
        decision.pool() in pools
        decision.target() == target

        where:
        request                                                                   || route                           | action    | pools                 | target
        GET('http://shop.example.com:8080/api/cart?x=1').header('X-User', 'ann')  || '20-http.groovy:4'              | 'split'   | ['api', 'api-canary'] | '/cart?x=1'
        POST('http://any.example.com:8080/v1/items')                              || '20-http.groovy:11'             | 'forward' | ['api']               | '/api/v1/items'
        GET('http://x.org:9000/anything')                                         || 'otherwise at 20-http.groovy:15' | 'forward' | ['static']            | '/anything'
        GET('http://x.org:8080/nothing')                                          || 'no route'                      | 'respond' | [null]                | null
    }

    def "a split keyed on a header gives each user one pool, and users both pools"() {
        when:
        def pools = (1..50).collect { user ->
            (1..3).collect { routes.resolve(GET('http://shop.example.com:8080/api/cart').header('X-User', "user-$user")).pool() }.toSet()
        }

        then:
        pools.every { it.size() == 1 }
        pools.collect { it.first() }.toSet() == ['api', 'api-canary'] as Set
    }

    def "a forward shows the request headers the backend gets and the response headers the route sets"() {
        when:
        def decision = routes.resolve(GET('http://shop.example.com:8080/api/cart').header('X-Env', 'dev').cookie('s', '1'))

        then:
        decision.requestHeaders() == [Host: ['shop.example.com:8080'], 'X-Env': ['prod']]
        decision.responseHeaders() == ['Cache-Control': ['no-store']]
        decision.path() == '/cart'
        !decision.answered
    }

    def "redirects and responses are answered by the route: #status #location#body"() {
        when:
        def decision = routes.resolve(request)

        then:
        decision.answered
        decision.status() == status
        decision.location() == location
        decision.body() == body

        where:
        request                                   || status | location                             | body
        GET('http://old.example.com:8080/a?q=1')  || 301    | 'https://www.example.com/a?q=1'      | null
        GET('http://x.org:8080/ping')             || 200    | null                                 | 'pong'
    }

    def "a URL without a port needs a listener name when there are several"() {
        when:
        routes.resolve(GET('http://x.org/ping'))

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "GET http://x.org/ping names no port and there are 2 http listeners (public on 8080, admin on 9000): " +
                "put the listener's port in the URL or use resolve('name', request)"

        expect:
        routes.resolve('public', GET('http://x.org/ping')).body() == 'pong'
    }

    def "a conf dir with a mistake fails to load with file:line:column"(@TempDir Path broken) {
        given:
        Files.writeString(broken.resolve('20-http.groovy'), "http('public', port: 8080) {\n    route { forward 'nowhere' }\n}\n")

        when:
        Routes.load(broken)

        then:
        def e = thrown(ConfigException)
        e.problems()*.toString() == ["20-http.groovy:2:13: forward to pool 'nowhere', which is not defined; defined pools: (none)"]
    }
}
