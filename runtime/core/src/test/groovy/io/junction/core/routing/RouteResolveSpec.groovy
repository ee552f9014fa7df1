package io.junction.core.routing

import io.junction.core.model.Action
import io.junction.core.model.Matcher
import io.junction.core.model.RoutePolicy
import io.junction.core.model.RouteSpec
import io.junction.core.model.SourceLocation
import spock.lang.Specification

/** resolve (captures), explain, and that the index answers as trying every route in order would. */
class RouteResolveSpec extends Specification {

    static RouteSpec route(int line, Matcher... matchers) {
        def at = new SourceLocation('20-http.groovy', line, 5)
        new RouteSpec(matchers as List, [], new Action.Forward("pool$line", at), RoutePolicy.DEFAULTS, at)
    }

    static final RouteSpec OTHERWISE = RouteSpec.catchAll(new Action.Respond(404, 'none', SourceLocation.UNKNOWN), SourceLocation.UNKNOWN)

    def "resolve gives the named groups of the path regex: #path -> #captures"() {
        given:
        def table = RouteTable.compile([route(2, new Matcher.PathRegex('/users/(?<id>\\d+)(/(?<tab>[a-z]+))?'))], OTHERWISE, { it })

        expect:
        table.resolve(OfflineRequest.of('GET', "http://x$path")).captures() == captures

        where:
        path               || captures
        '/users/42'        || [id: '42']
        '/users/42/orders' || [id: '42', tab: 'orders']
        '/other'           || [:]
    }

    def "resolve without a regex route hands out the same match object each time"() {
        given:
        def table = RouteTable.compile([route(2, new Matcher.PathPrefix('/a'))], OTHERWISE, { it })
        def request = OfflineRequest.of('GET', 'http://x/a/b')

        expect:
        table.resolve(request).is(table.resolve(request))
        table.resolve(request).route().location().line() == 2
        table.resolve(OfflineRequest.of('GET', 'http://x/b')).route().is(OTHERWISE)
    }

    def "explain lists each earlier route with the matcher that failed, then the chosen one"() {
        given:
        def table = RouteTable.compile([
                route(2, new Matcher.Host('blog.example.com')),
                route(3, new Matcher.Host('shop.example.com'), new Matcher.Method(['POST'] as Set)),
                route(4, new Matcher.Host('shop.example.com'), new Matcher.PathPrefix('/api')),
                route(5)], OTHERWISE, { it })

        when:
        def explanation = table.explain(OfflineRequest.of('GET', 'http://shop.example.com/api/cart'))

        then:
        explanation.lines() == [
                "20-http.groovy:2:5: no, host 'blog.example.com'",
                "20-http.groovy:3:5: no, method [POST]",
                '20-http.groovy:4:5: matched',
                "=> forward 'pool4' (route at 20-http.groovy:4:5)"]
        explanation.chosen().location().line() == 4
    }

    def "explain names otherwise when no route matches"() {
        given:
        def table = RouteTable.compile([route(2, new Matcher.PathExact('/a'))], OTHERWISE, { it })

        expect:
        table.explain(OfflineRequest.of('GET', 'http://x/b')).lines() == [
                "20-http.groovy:2:5: no, exactPath '/a'", '=> respond 404 (otherwise at <unknown>)']
    }

    def "with #count random routes the index picks what trying every route in order picks"() {
        given:
        def random = new Random(seed)
        def hosts = ['a.example.com', '*.example.com', 'b.example.com', '*.b.example.com', '*', 'other.org']
        def segments = ['api', 'v1', 'items', 'x', '']
        def pathOf = { (1..random.nextInt(4)).collect { segments[random.nextInt(segments.size())] }.join('/') }
        def routes = (1..count).collect { i ->
            List<Matcher> matchers = []
            if (random.nextBoolean()) {
                matchers << new Matcher.Host(hosts[random.nextInt(hosts.size())])
            }
            switch (random.nextInt(5)) {
                case 0: matchers << new Matcher.PathPrefix('/' + pathOf()); break
                case 1: matchers << new Matcher.PathExact('/' + pathOf()); break
                case 2: matchers << new Matcher.PathGlob('/' + pathOf() + '/*/**'); break
                case 3: matchers << new Matcher.AnyOf([[new Matcher.Host('b.example.com')], [new Matcher.Host('*.a.example.com')]]); break
                default: break
            }
            route(i, *matchers)
        }
        def table = RouteTable.compile(routes, OTHERWISE, { it })
        def linear = { request -> routes.find { r -> r.matchers().every { m -> RouteTable.compile([route(0, m)], null, { it }).match(request) != null } } ?: OTHERWISE }
        def requestHosts = ['a.example.com', 'b.example.com', 'x.b.example.com', 'y.a.example.com', 'example.com', 'other.org', 'none.net']

        expect:
        (1..300).every {
            def request = OfflineRequest.of('GET', "http://${requestHosts[random.nextInt(requestHosts.size())]}/${pathOf()}")
            table.resolve(request).route().is(linear(request))
        }

        where:
        count | seed
        10    | 1
        60    | 2
        200   | 3
    }
}
