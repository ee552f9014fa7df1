package io.junction.core.check

import io.junction.core.model.Action
import io.junction.core.model.Config
import io.junction.core.model.BackendAddress
import io.junction.core.model.BackendSpec
import io.junction.core.model.HttpListenerSpec
import io.junction.core.model.Matcher
import io.junction.core.model.PoolSpec
import io.junction.core.model.RetrySpec
import io.junction.core.model.Durations
import io.junction.core.model.RoutePolicy
import io.junction.core.model.RouteRetry
import io.junction.core.model.SplitKey
import io.junction.core.model.RouteSpec
import io.junction.core.model.SourceLocation
import spock.lang.Specification

import java.time.Duration

class RouteLintSpec extends Specification {

    static SourceLocation at(int line) {
        new SourceLocation('20-http.groovy', line, 5)
    }

    static RouteSpec route(int line, List<Matcher> matchers, String pool = 'web') {
        new RouteSpec(matchers, [], new Action.Forward(pool, at(line)), RoutePolicy.DEFAULTS, at(line))
    }

    static PoolSpec pool(String name, int retries = 0) {
        PoolSpec.builder(name).backends([new BackendSpec(BackendAddress.parse('http://127.0.0.1:9001'), 1, at(1))])
                .retries(new RetrySpec(retries, Duration.ofSeconds(10), 20)).location(new SourceLocation('10-pools.groovy', 1, 1))
                .build()
    }

    static List<String> lint(List<RouteSpec> routes, Map<String, PoolSpec> pools = [web: pool('web')]) {
        def listener = HttpListenerSpec.builder('public', 8080).routes(routes).location(at(1)).build()
        RouteLint.warnings(new Config([listener], pools))*.toString()
    }

    def "#earlier before #later: #expected"() {
        expect:
        lint([route(2, earlier), route(3, later)]) == expected

        where:
        earlier                                                  | later                                                                    || expected
        [new Matcher.PathPrefix('/api')]                         | [new Matcher.PathPrefix('/api/special')]                                 || ['20-http.groovy:3:5: route never matches: the route at 20-http.groovy:2:5 takes every request it would']
        [new Matcher.PathPrefix('/api')]                         | [new Matcher.PathPrefix('/api')]                                         || ['20-http.groovy:3:5: duplicate route: the route at 20-http.groovy:2:5 matches the same requests first']
        [new Matcher.Host('*.example.com')]                      | [new Matcher.Host('shop.example.com'), new Matcher.PathExact('/x')]      || ['20-http.groovy:3:5: route never matches: the route at 20-http.groovy:2:5 takes every request it would']
        []                                                       | [new Matcher.Method(['GET'] as Set)]                                     || ['20-http.groovy:3:5: route never matches: the route at 20-http.groovy:2:5 takes every request it would']
        [new Matcher.Method(['GET', 'HEAD'] as Set)]             | [new Matcher.Method(['GET'] as Set), new Matcher.PathGlob('/a/*/b')]     || ['20-http.groovy:3:5: route never matches: the route at 20-http.groovy:2:5 takes every request it would']
        [new Matcher.PathPrefix('/api/special')]                 | [new Matcher.PathPrefix('/api')]                                         || []
        [new Matcher.PathPrefix('/api')]                         | [new Matcher.PathPrefix('/apix')]                                        || []
        [new Matcher.Host('*.example.com')]                      | [new Matcher.Host('example.com')]                                        || []
        [new Matcher.Method(['GET'] as Set)]                     | [new Matcher.Method(['GET', 'POST'] as Set)]                             || []
        [new Matcher.PathPrefix('/api')]                         | [new Matcher.PathRegex('/api/.*')]                                       || []
    }

    def "a route taking only #methods from a pool with retries: #expected"() {
        expect:
        lint([route(2, [new Matcher.Method(methods as Set)])], [web: pool('web', retries)]) == expected

        where:
        methods          | retries || expected
        ['POST']         | 2       || ["20-http.groovy:2:5: retries of pool 'web' never apply to this route: it only takes POST, which is not idempotent, and a request already sent is resent only when it is"]
        ['POST', 'PATCH']| 1       || ["20-http.groovy:2:5: retries of pool 'web' never apply to this route: it only takes PATCH, POST, which is not idempotent, and a request already sent is resent only when it is"]
        ['POST', 'GET']  | 2       || []
        ['POST']         | 0       || []
    }

    def "a route of its own retry #retry taking only #methods, total #total: #expected"() {
        given:
        def policy = new RoutePolicy(PoolSpec.Timeouts.DEFAULTS, null, null, retry, total)
        def route = new RouteSpec([new Matcher.Method(methods as Set)], [], new Action.Forward('web', at(2)), policy, at(2))

        expect:
        lint([route], [web: pool('web', 2)]) == expected

        where:
        retry                          | methods | total                  || expected
        routeRetry(2, null, false)          | ['POST']| null                   || ["20-http.groovy:2:5: retries of this route never apply to this route: it only takes POST, which is not idempotent, and a request already sent is resent only when it is"]
        routeRetry(2, null, true)           | ['POST']| null                   || []
        routeRetry(1, null, false)          | ['POST']| null                   || []
        routeRetry(2, null, false)          | ['GET'] | null                   || []
        routeRetry(2, '3s', false)          | ['GET'] | Duration.ofSeconds(2)  || ["20-http.groovy:2:5: retry perTry 3000 ms is above the route's total timeout 2000 ms: a try is cut short by the total"]
        routeRetry(2, '2s', false)          | ['GET'] | Duration.ofSeconds(2)  || []
        routeRetry(2, '3s', false)          | ['GET'] | null                   || []
    }

    static RouteRetry routeRetry(int tries, String perTry, boolean resend) {
        new RouteRetry(tries, [RouteRetry.On.RESET] as Set, perTry == null ? null : Durations.parse(perTry).get(), resend)
    }

    def "a pool no route forwards to is reported where it is declared"() {
        expect:
        lint([route(2, [])], [web: pool('web'), spare: pool('spare')]) == ["10-pools.groovy:1:1: pool 'spare' is used by no route"]
    }

    def "a pool that only a split sends to is in use"() {
        given:
        def split = new Action.Split([new Action.Split.Share('web', 95), new Action.Split.Share('canary', 5)], SplitKey.NONE, at(2))

        expect:
        lint([new RouteSpec([], [], split, RoutePolicy.DEFAULTS, at(2))], [web: pool('web'), canary: pool('canary')]) == []
    }
}
