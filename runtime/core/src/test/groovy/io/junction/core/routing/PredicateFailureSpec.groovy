package io.junction.core.routing

import io.junction.api.RequestView
import io.junction.core.model.Action
import io.junction.core.model.HttpListenerSpec
import io.junction.core.model.Matcher
import io.junction.core.model.RoutePolicy
import io.junction.core.model.RouteSpec
import io.junction.core.model.SourceLocation
import spock.lang.Specification

import java.util.function.Predicate

/** A {@code when} predicate that throws: its route does not match, the failure is reported, routing goes on. */
class PredicateFailureSpec extends Specification {

    static final Predicate<RequestView> THROWS = { throw new IllegalStateException('no tenant') } as Predicate<RequestView>

    static RouteSpec route(int line, Matcher... matchers) {
        def at = new SourceLocation('20-http.groovy', line, 5)
        new RouteSpec(matchers as List, [], new Action.Forward("pool$line", at), RoutePolicy.DEFAULTS, at)
    }

    static Matcher.Script throwing() {
        new Matcher.Script(THROWS, new SourceLocation('20-http.groovy', 2, 11))
    }

    static HttpListenerSpec listener(RouteSpec... routes) {
        def none = new SourceLocation('20-http.groovy', 9, 5)
        HttpListenerSpec.builder('public', 0).routes(routes as List)
                .otherwise(RouteSpec.catchAll(new Action.Respond(404, 'none', none), none)).location(none).build()
    }

    def "a throwing predicate #written lets the next route take the request, and the failure is reported once"() {
        given:
        List<String> reported = []
        def table = RouteTable.compile(listener(route(2, matcher), route(3)), { it },
                { RouteSpec route, RuntimeException e -> reported << "$route.location.line: $e.message" } as PredicateFailures)

        when:
        def chosen = table.match(OfflineRequest.of('GET', 'http://x/a'))

        then:
        chosen.location().line() == 3
        reported == ['2: no tenant']

        where:
        written                 | matcher
        'alone'                 | throwing()
        'inside not'            | new Matcher.Not([throwing()])
        'inside any'            | new Matcher.AnyOf([[throwing()], [new Matcher.PathExact('/other')]])
    }

    def "explain shows the predicate that threw, with its message, for its route"() {
        given:
        def table = RouteTable.compile(listener(route(2, new Matcher.PathPrefix('/a'), throwing()), route(3)), { it })

        expect:
        table.explain(OfflineRequest.of('GET', 'http://x/a')).lines() == [
                '20-http.groovy:2:5: no, predicate threw: no tenant',
                '20-http.groovy:3:5: matched',
                "=> forward 'pool3' (route at 20-http.groovy:3:5)"]
    }
}
