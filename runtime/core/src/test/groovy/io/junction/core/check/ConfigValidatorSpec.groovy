package io.junction.core.check

import io.junction.core.model.Action
import io.junction.core.model.BackendSpec
import io.junction.core.model.Config
import io.junction.core.model.BackendAddress
import io.junction.core.model.HttpListenerSpec
import io.junction.core.model.Matcher
import io.junction.core.model.PoolSpec
import io.junction.core.model.RoutePolicy
import io.junction.core.model.RouteSpec
import io.junction.core.model.SourceLocation
import spock.lang.Specification

class ConfigValidatorSpec extends Specification {

    static final Action NO_ROUTE = HttpListenerSpec.NO_ROUTE.action()

    // deliberately not in alphabetical order
    def validator = new ConfigValidator(['weighted-round-robin', 'round-robin', 'least-connections', 'random'] as LinkedHashSet)

    def "a valid configuration has no problems"() {
        given:
        def config = config(
                [listener('public', 8080, [route('/api', forward('api', at(3, 20))),
                                           route('/status', respond(200, at(4, 20)))], forward('web', at(5, 20)), at(2)),
                 listener('admin', 9090, [], NO_ROUTE, at(8)),
                 listener('test-a', 0, [], NO_ROUTE, at(9)),
                 listener('test-b', 0, [], NO_ROUTE, at(10))],
                [pool('web', 'round-robin', [backend('http://127.0.0.1:9001', 1, at(11)), backend('http://127.0.0.1:9002', 5, at(12))], at(10)),
                 pool('api', 'least-connections', [backend('http://127.0.0.1:9003', 1, at(14))], at(13))])

        when:
        validator.validate(config)

        then:
        noExceptionThrown()
        validator.problems(config).isEmpty()
    }

    def "an unknown strategy is reported at the pool, listing the available ids sorted"() {
        given:
        def config = validConfigWith(pool('web', 'fastest', [backend('http://127.0.0.1:9001', 1, at(21))], at(20, 3)))

        expect:
        validator.problems(config) == [new ConfigProblem(at(20, 3),
                "pool 'web': unknown balancing strategy 'fastest'; available: least-connections, random, round-robin, weighted-round-robin")]
    }

    def "with no strategy loaded at all, the available ids read (none)"() {
        given:
        def config = validConfigWith(pool('web', 'round-robin', [backend('http://127.0.0.1:9001', 1, at(21))], at(20)))

        expect:
        new ConfigValidator([] as Set).problems(config)*.message == ["pool 'web': unknown balancing strategy 'round-robin'; available: (none)"]
    }

    def "a forward to an undefined pool in #place is reported at the forward, listing the defined pools"() {
        given:
        def bad = forward('missing', at(7, 30))
        def routes = place == 'a route' ? [route('/', bad)] : []
        def otherwise = place == 'otherwise' ? bad : NO_ROUTE
        def config = config([listener('public', 8080, routes, otherwise, at(6))],
                [pool('web', 'random', [backend('http://127.0.0.1:9001', 1, at(2))], at(1)),
                 pool('api', 'random', [backend('http://127.0.0.1:9002', 1, at(4))], at(3))])

        expect:
        validator.problems(config) == [new ConfigProblem(at(7, 30),
                "forward to pool 'missing', which is not defined; defined pools: api, web")]

        where:
        place << ['a route', 'otherwise']
    }

    def "a forward when no pool is defined lists (none)"() {
        given:
        def config = config([listener('public', 8080, [route('/', forward('web', at(2, 9)))], NO_ROUTE, at(1))], [])

        expect:
        validator.problems(config)*.message == ["forward to pool 'web', which is not defined; defined pools: (none)"]
    }

    def "a second listener on a taken port is reported at the second, naming the first"() {
        given:
        def config = validConfigWith(
                listener('public', 8080, [], NO_ROUTE, at('10-public.groovy', 1, 1)),
                listener('other', 8080, [], NO_ROUTE, at('20-other.groovy', 4, 1)))

        expect:
        validator.problems(config) == [new ConfigProblem(at('20-other.groovy', 4, 1),
                "listener 'other' uses port 8080, already taken by listener 'public' at 10-public.groovy:1:1")]
    }

    def "every further listener on a taken port names the first one"() {
        given:
        def config = validConfigWith(
                listener('one', 8080, [], NO_ROUTE, at(1)),
                listener('two', 8080, [], NO_ROUTE, at(2)),
                listener('three', 8080, [], NO_ROUTE, at(3)))

        expect:
        validator.problems(config).collect { [it.location().line(), it.message()] } == [
                [2, "listener 'two' uses port 8080, already taken by listener 'one' at main.groovy:1:1"],
                [3, "listener 'three' uses port 8080, already taken by listener 'one' at main.groovy:1:1"]]
    }

    def "listeners on port 0 (any free port) never conflict"() {
        given:
        def config = validConfigWith(
                listener('a', 0, [], NO_ROUTE, at(1)),
                listener('b', 0, [], NO_ROUTE, at(2)),
                listener('c', 0, [], NO_ROUTE, at(3)))

        expect:
        validator.problems(config).isEmpty()
    }

    def "a pool without backends is reported at the pool"() {
        given:
        def config = validConfigWith(pool('empty', 'random', [], at(30, 1)))

        expect:
        validator.problems(config) == [new ConfigProblem(at(30, 1), "pool 'empty' has no backend")]
    }

    def "a configuration without any listener is a problem"() {
        given:
        def config = config([], [pool('web', 'random', [backend('http://127.0.0.1:9001', 1, at(2))], at(1))])

        expect:
        validator.problems(config) == [new ConfigProblem(new SourceLocation('conf.d', 0, 0),
                "no listener is declared: add one, e.g. http('public', port: 8080) { ... }")]
    }

    def "problems are ordered by file, then line, then column, whatever the order they were found in"() {
        given: 'problems declared in scrambled order across two files'
        def config = config(
                [listener('l1', 8080, [route('/x', forward('nope', at('b.groovy', 10, 12))),
                                       route('/y', forward('nope', at('b.groovy', 10, 3)))],
                        forward('nope', at('a.groovy', 9, 1)), at('b.groovy', 1, 1)),
                 listener('l2', 8080, [], forward('gone', at('a.groovy', 2, 8)), at('b.groovy', 2, 1))],
                [pool('p1', 'fastest', [backend('http://127.0.0.1:9001', 1, at('a.groovy', 10, 5))], at('b.groovy', 9, 1)),
                 pool('p2', 'random', [], at('a.groovy', 1, 1))])

        when:
        def problems = validator.problems(config)

        then:
        problems*.location()*.toString() == [
                'a.groovy:1:1',   // p2 has no backend
                'a.groovy:2:8',   // forward in l2's otherwise
                'a.groovy:9:1',   // forward in otherwise
                'b.groovy:2:1',   // port 8080 taken by l1
                'b.groovy:9:1',   // unknown strategy
                'b.groovy:10:3',  // forward
                'b.groovy:10:12'] // forward
    }

    def "validate throws a ConfigException with every problem and one file:line:column: message line each"() {
        given:
        def config = config(
                [listener('public', 8080, [route('/', forward('missing', at('20-http.groovy', 3, 17)))], NO_ROUTE,
                        at('20-http.groovy', 1, 1))],
                [pool('web', 'fastest', [backend('http://127.0.0.1:9001', 1, at('10-pools.groovy', 2, 5))], at('10-pools.groovy', 1, 1))])

        when:
        validator.validate(config)

        then:
        def e = thrown(ConfigException)
        e.problems() == validator.problems(config)
        e.problems().size() == 2
        e.message == '''\
10-pools.groovy:1:1: pool 'web': unknown balancing strategy 'fastest'; available: least-connections, random, round-robin, weighted-round-robin
20-http.groovy:3:17: forward to pool 'missing', which is not defined; defined pools: web'''
    }

    def "validate throws for a single problem too"() {
        given:
        def config = validConfigWith(pool('empty', 'random', [], at(30, 1)))

        when:
        validator.validate(config)

        then:
        def e = thrown(ConfigException)
        e.problems() == [new ConfigProblem(at(30, 1), "pool 'empty' has no backend")]
        e.message == "main.groovy:30:1: pool 'empty' has no backend"
    }

    def "a problem prints as file:line:column: message"() {
        expect:
        new ConfigProblem(at('x.groovy', 12, 7), 'boom').toString() == 'x.groovy:12:7: boom'
    }

    def "the exception keeps its own copy of the problems"() {
        given:
        def problems = [new ConfigProblem(at(1), 'one')]
        def e = new ConfigException(problems)

        when:
        problems << new ConfigProblem(at(2), 'two')

        then:
        e.problems() == [new ConfigProblem(at(1), 'one')]
        e.message == 'main.groovy:1:1: one'
    }

    // ---- fixtures

    static SourceLocation at(String file, int line, int column) {
        new SourceLocation(file, line, column)
    }

    static SourceLocation at(int line, int column = 1) {
        at('main.groovy', line, column)
    }

    static Action.Forward forward(String pool, SourceLocation location) {
        new Action.Forward(pool, location)
    }

    static Action.Respond respond(int status, SourceLocation location) {
        new Action.Respond(status, 'text', location)
    }

    static RouteSpec route(String path, Action action) {
        new RouteSpec([new Matcher.PathPrefix(path)], [], action, RoutePolicy.DEFAULTS, action.location())
    }

    static HttpListenerSpec listener(String name, int port, List<RouteSpec> routes, Action otherwise, SourceLocation location) {
        HttpListenerSpec.builder(name, port).bindAddress('127.0.0.1').routes(routes)
                .otherwise(RouteSpec.catchAll(otherwise, otherwise.location())).location(location).build()
    }

    static BackendSpec backend(String uri, int weight, SourceLocation location) {
        new BackendSpec(BackendAddress.parse(uri), weight, location)
    }

    static PoolSpec pool(String name, String strategy, List<BackendSpec> backends, SourceLocation location) {
        PoolSpec.builder(name).strategy(strategy, [:]).backends(backends).location(location).build()
    }

    static Config config(List<HttpListenerSpec> listeners, List<PoolSpec> pools) {
        new Config(listeners, pools.collectEntries { [it.name(), it] })
    }

    /** The given pool, and one valid listener forwarding to it. */
    static Config validConfigWith(PoolSpec pool) {
        config([listener('main', 8080, [], forward(pool.name(), at(100)), at(99))], [pool])
    }

    /** The given listeners, and no pool. */
    static Config validConfigWith(HttpListenerSpec... listeners) {
        config(listeners as List, [])
    }
}
