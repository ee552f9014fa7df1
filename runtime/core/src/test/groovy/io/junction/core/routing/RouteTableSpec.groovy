package io.junction.core.routing

import io.junction.api.RequestView
import io.junction.core.model.Action
import io.junction.core.model.Filter
import io.junction.core.model.HttpListenerSpec
import io.junction.core.model.Matcher
import io.junction.core.model.PoolSpec
import io.junction.core.model.RoutePolicy
import io.junction.core.model.RouteSpec
import io.junction.core.model.SourceLocation
import spock.lang.Specification

import java.time.Duration

class RouteTableSpec extends Specification {

    static final Action HIT = respond(200, 'hit', 3)
    static final Action MISS = respond(404, 'miss', 9)

    def "host pattern #pattern #verdict request host '#host'"() {
        given:
        def table = RouteTable.compile(listener([route(pattern, '/', HIT)], MISS))

        expect:
        table.match(request(host, '/')).is(HIT) == matches

        where:
        pattern          | host                  || matches
        'example.com'    | 'example.com'         || true
        'example.com'    | 'www.example.com'     || false
        'example.com'    | 'example.org'         || false
        'example.com'    | 'example.com.evil.io' || false
        'example.com'    | ''                    || false
        'Example.COM'    | 'example.com'         || true
        'API.Example.com'| 'api.example.com'     || true
        '*.example.com'  | 'sub.example.com'     || true
        '*.example.com'  | 'a.b.example.com'     || true
        '*.example.com'  | 'example.com'         || false
        '*.example.com'  | '.example.com'        || false
        '*.example.com'  | 'badexample.com'      || false
        '*.example.com'  | 'sub.example.org'     || false
        '*.Example.COM'  | 'sub.example.com'     || true
        null             | 'anything.org'        || true
        null             | ''                    || true
        '*'              | 'anything.org'        || true

        verdict = matches ? 'matches' : 'does not match'
    }

    def "path prefix '#pattern' #verdict path '#path'"() {
        given:
        def table = RouteTable.compile(listener([route(null, pattern, HIT)], MISS))

        expect:
        table.match(request('example.com', path)).is(HIT) == matches

        where:
        pattern    | path          || matches
        '/api'     | '/api'        || true
        '/api'     | '/api/'       || true
        '/api'     | '/api/x'      || true
        '/api'     | '/api/x/y'    || true
        '/api'     | '/apix'       || false
        '/api'     | '/ap'         || false
        '/api'     | '/'           || false
        '/api'     | '/v1/api'     || false
        '/api/**'  | '/api'        || true
        '/api/**'  | '/api/'       || true
        '/api/**'  | '/api/x/y'    || true
        '/api/**'  | '/apix'       || false
        '/api/**'  | '/other'      || false
        '/api/'    | '/api'        || true
        '/api/'    | '/api/x'      || true
        '/api/'    | '/apix'       || false
        '/api/v1'  | '/api/v1/u'   || true
        '/api/v1'  | '/api/v10'    || false
        '/api/v1'  | '/api'        || false
        '/'        | '/'           || true
        '/'        | '/anything'   || true
        '/'        | '/a/b/c'      || true
        '/**'      | '/a/b'        || true

        verdict = matches ? 'matches' : 'does not match'
    }

    def "host and path must both match"() {
        given:
        def table = RouteTable.compile(listener([route('shop.example.com', '/api', HIT)], MISS))

        expect:
        table.match(request(host, path)).is(expected)

        where:
        host               | path     || expected
        'shop.example.com' | '/api/x' || HIT
        'shop.example.com' | '/web'   || MISS
        'blog.example.com' | '/api/x' || MISS
    }

    static final Action A = respond(200, 'A', 11)
    static final Action B = respond(200, 'B', 12)
    static final Action C = respond(200, 'C', 13)
    static final Action D = respond(200, 'D', 14)

    def "the first matching route in declaration order wins: #host #path -> #expected.body"() {
        given: 'a catch-all before a more specific route, which therefore never matches'
        def table = RouteTable.compile(listener([
                route('a.example.com', '/api', A),
                route(null, '/api', B),
                route(null, '/', C),
                route(null, '/api/special', D)], MISS))

        expect:
        table.match(request(host, path)).is(expected)

        where:
        host            | path             || expected
        'a.example.com' | '/api/x'         || A
        'b.example.com' | '/api/x'         || B
        'a.example.com' | '/other'         || C
        'b.example.com' | '/api/special/1' || B
        'a.example.com' | '/api/special/1' || A
    }

    def "of two identical routes the earlier one is used"() {
        given:
        def first = respond(200, 'first', 1)
        def second = respond(200, 'second', 2)
        def table = RouteTable.compile(listener([route(null, '/x', first), route(null, '/x', second)], MISS))

        expect:
        table.match(request('example.com', '/x')).is(first)
    }

    def "otherwise answers when no route matches"() {
        given:
        def otherwise = new Action.Forward('fallback', at(7))
        def table = RouteTable.compile(listener(routes, otherwise))

        expect:
        table.match(request('example.com', '/nothing/here')).is(otherwise)

        where:
        routes << [[], [route('other.org', '/', HIT), route(null, '/api', HIT)]]
    }

    def "the default NO_ROUTE otherwise is a 404"() {
        given:
        def table = RouteTable.compile(listener([route(null, '/api', HIT)], HttpListenerSpec.NO_ROUTE))

        when:
        def action = table.match(request('example.com', '/web'))

        then:
        action.is(HttpListenerSpec.NO_ROUTE.action())
        (action as Action.Respond).status() == 404
    }

    def "each action is resolved exactly once, at compile time, and match returns the resolved object"() {
        given:
        def a = respond(200, 'a', 1)
        def b = new Action.Forward('web', at(2))
        def otherwise = respond(404, 'none', 3)
        List<Action> seen = []
        List<Resolved> made = []
        def resolve = { RouteSpec route ->
            seen << route.action()
            def resolved = new Resolved(action: route.action())
            made << resolved
            resolved
        }

        when:
        def table = RouteTable.compile(listener([route(null, '/a', a), route(null, '/b', b)], otherwise), resolve)

        then: 'once per route, in order, then once for otherwise'
        seen.size() == 3
        seen[0].is(a)
        seen[1].is(b)
        seen[2].is(otherwise)

        when:
        def matched = (1..50).collect {
            [table.match(request('x.org', '/a/1')), table.match(request('x.org', '/b')), table.match(request('x.org', '/c'))]
        }

        then: 'matching never resolves again'
        seen.size() == 3

        and: 'it hands out the very objects resolve returned'
        matched.every { it[0].is(made[0]) && it[1].is(made[1]) && it[2].is(made[2]) }
    }

    def "the resolved object of the matching route is returned, not the action"() {
        given:
        def a = respond(200, 'a', 1)
        def resolvedA = new Resolved(action: a)
        def resolvedOtherwise = new Resolved(action: MISS)
        def table = RouteTable.compile(listener([route(null, '/a', a)], MISS)) { RouteSpec route ->
            route.action().is(a) ? resolvedA : resolvedOtherwise
        }

        expect:
        table.match(request('x.org', '/a')).is(resolvedA)
        table.match(request('x.org', '/b')).is(resolvedOtherwise)
    }

    def "a route's filters and policy reach its compiled target: #path is served by the #expected"() {
        given: 'a route with a filter and its own policy, and an otherwise with its own too'
        def filter = new Filter.StripPrefix('/api')
        def policy = new RoutePolicy(new PoolSpec.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(3)), 0)
        def api = new RouteSpec([new Matcher.PathPrefix('/api')], [filter], HIT, policy, at(4))
        def fallback = new RouteSpec([], [], MISS, new RoutePolicy(RoutePolicy.DEFAULTS.timeouts(), 2), at(8))
        def routes = [api: api, otherwise: fallback]
        def listener = HttpListenerSpec.builder('public', 0).routes([api]).otherwise(fallback).location(at(1)).build()

        when:
        def table = RouteTable.compile(listener) { RouteSpec route -> new Resolved(action: route.action(), filters: route.filters(), policy: route.policy()) }
        def served = table.match(request('example.com', path))

        then:
        served.action.is(routes[expected].action())
        served.filters == routes[expected].filters()
        served.policy.is(routes[expected].policy())

        where:
        path     || expected
        '/api/x' || 'api'
        '/web'   || 'otherwise'
    }

    def "a route without matchers matches every request"() {
        given:
        def table = RouteTable.compile(listener([RouteSpec.catchAll(HIT, at(2))], MISS))

        expect:
        table.match(request(host, path)).is(HIT)

        where:
        host          | path
        'example.com' | '/'
        ''            | '/a/b'
    }

    def "compile without a resolve function matches to the action itself"() {
        given:
        def a = respond(200, 'a', 1)
        def table = RouteTable.compile(listener([route(null, '/a', a)], MISS))

        expect:
        table.match(request('x.org', '/a')).is(a)
        table.match(request('x.org', '/b')).is(MISS)
    }

    // ---- fixtures

    static class Resolved {
        Action action
        List<Filter> filters
        RoutePolicy policy
    }

    static class Request implements RequestView {
        String host
        String path

        String method() { 'GET' }

        String host() { host }

        String path() { path }

        String query() { '' }

        String header(String name) { null }

        String remoteAddress() { '127.0.0.1' }
    }

    static RequestView request(String host, String path) {
        new Request(host: host, path: path)
    }

    static SourceLocation at(int line) {
        new SourceLocation('20-http.groovy', line, 5)
    }

    static Action.Respond respond(int status, String body, int line) {
        new Action.Respond(status, body, at(line))
    }

    /** A route on a host (null: any) and a path prefix, as the DSL writes it. */
    static RouteSpec route(String host, String path, Action action) {
        List<Matcher> matchers = host == null ? [] : [new Matcher.Host(host)]
        new RouteSpec(matchers + [new Matcher.PathPrefix(path)], [], action, RoutePolicy.DEFAULTS, action.location())
    }

    static HttpListenerSpec listener(List<RouteSpec> routes, Action otherwise) {
        listener(routes, RouteSpec.catchAll(otherwise, otherwise.location()))
    }

    static HttpListenerSpec listener(List<RouteSpec> routes, RouteSpec otherwise) {
        HttpListenerSpec.builder('public', 0).routes(routes).otherwise(otherwise).location(at(1)).build()
    }
}
