package io.junction.dsl

import io.junction.core.check.ConfigProblem
import io.junction.core.model.Matcher
import io.junction.core.model.Matcher.ValueTest
import io.junction.core.model.SourceLocation
import io.junction.core.routing.OfflineRequest
import io.junction.core.routing.RouteTable
import spock.lang.Specification

import static io.junction.dsl.Scripts.compile
import static io.junction.dsl.Scripts.problemsOf

/** The matcher words of route(...): what each builds, and the error each bad value gives at file:line. */
class MatcherWordsSpec extends Specification {

    static List<Matcher> matchersOf(String args) {
        compile('20-http.groovy': "http('public', port: 8080) {\n    route($args) { respond 200, 'hit' }\n}\n")
                .listener('public').routes()[0].matchers()
    }

    def "route(#args) builds #expected"() {
        expect:
        matchersOf(args) == expected

        where:
        args                                              || expected
        "host: 'shop.example.com'"                        || [new Matcher.Host('shop.example.com')]
        "host: ['a.example.com', '*.b.example.com']"      || [new Matcher.AnyOf([[new Matcher.Host('a.example.com')], [new Matcher.Host('*.b.example.com')]])]
        "path: '/api'"                                    || [new Matcher.PathPrefix('/api')]
        "path: '/api/**'"                                 || [new Matcher.PathPrefix('/api/**')]
        "path: '/api/*/items/**'"                         || [new Matcher.PathGlob('/api/*/items/**')]
        "exactPath: '/health'"                            || [new Matcher.PathExact('/health')]
        "pathRegex: ~'/users/(?<id>\\\\d+)'"              || [new Matcher.PathRegex('/users/(?<id>\\d+)')]
        "method: 'POST'"                                  || [new Matcher.Method(['POST'] as Set)]
        "method: ['GET', 'HEAD']"                         || [new Matcher.Method(['GET', 'HEAD'] as Set)]
        "header: 'X-Canary'"                              || [new Matcher.Header('X-Canary', ValueTest.PRESENT)]
        "header: ['X-Canary': 'true']"                    || [new Matcher.Header('X-Canary', ValueTest.equalTo('true'))]
        "header: ['User-Agent': ~/.*Bot.*/]"              || [new Matcher.Header('User-Agent', ValueTest.matching('.*Bot.*'))]
        "header: ['X-Debug': false]"                      || [new Matcher.Header('X-Debug', ValueTest.ABSENT)]
        "cookie: ['beta': '1']"                           || [new Matcher.Cookie('beta', ValueTest.equalTo('1'))]
        "query: ['debug': true]"                          || [new Matcher.Query('debug', ValueTest.PRESENT)]
        "client: ['10.0.0.0/8', '2001:db8::/32']"         || [new Matcher.ClientAddress(['10.0.0.0/8', '2001:db8::/32'])]
        "host: 'a.org', method: 'GET'"                    || [new Matcher.Host('a.org'), new Matcher.Method(['GET'] as Set)]
        "any: [[host: 'a.org'], [path: '/a']]"            || [new Matcher.AnyOf([[new Matcher.Host('a.org')], [new Matcher.PathPrefix('/a')]])]
        "all: [[method: 'GET'], [path: '/a']]"            || [new Matcher.AllOf([[new Matcher.Method(['GET'] as Set)], [new Matcher.PathPrefix('/a')]])]
        "not: [method: 'GET', path: '/a']"                || [new Matcher.Not([new Matcher.Method(['GET'] as Set), new Matcher.PathPrefix('/a')])]
        "any: [[not: [header: 'X-A']], [host: 'b.org']]"  || [new Matcher.AnyOf([[new Matcher.Not([new Matcher.Header('X-A', ValueTest.PRESENT)])], [new Matcher.Host('b.org')]])]
    }

    def "a when block decides per request, with the request as its argument: #tenant -> #expected"() {
        given:
        def config = compile('20-http.groovy': """http('public', port: 8080) {
    route(when: { request -> request.header('X-Tenant')?.startsWith('acme') }) { respond 200, 'acme' }
}""")
        def table = RouteTable.compile(config.listener('public'))

        expect:
        (table.match(OfflineRequest.of('GET', 'http://x/').withHeader('X-Tenant', tenant)).status() == 200) == expected

        where:
        tenant     || expected
        'acme-eu'  || true
        'other'    || false
    }

    def "route(#args) is refused at 20-http.groovy:2:5 with '#message'"() {
        expect:
        problemsOf('20-http.groovy': "http('public', port: 8080) {\n    route($args) { respond 200, 'hit' }\n}\n") ==
                [new ConfigProblem(new SourceLocation('20-http.groovy', 2, 5), message)]

        where:
        args                                  || message
        "client: '10.0.0.0/40'"               || "route client: '10.0.0.0/40' is not an address range; write e.g. '10.0.0.0/8', '127.0.0.1/32' or '2001:db8::/32'"
        "client: 'intranet'"                  || "route client: 'intranet' is not an address range; write e.g. '10.0.0.0/8', '127.0.0.1/32' or '2001:db8::/32'"
        "pathRegex: '/users/(?<id>\\\\d+'"    || "route pathRegex //users/(?<id>\\d+/ is not a regular expression: Unclosed group near index 16"
        "path: '/a/**b'"                      || "route path '/a/**b': '**' must be a whole segment (/a/**/b), it matches any number of segments; '*' matches within one"
        "method: 'get'"                       || "route method 'get' is not an HTTP method: write it in upper case, e.g. GET, POST"
        "header: ['X-A': 42]"                 || "route header 'X-A': got 42 (Integer), expected text (equals), a regex ~/.../ (matches), true (present) or false (absent)"
        "any: [host: 'a.org']"                || "route any: got {host=a.org} (LinkedHashMap), expected a list of matcher maps, e.g. any: [[host: 'a.example.com'], [path: '/a']]"
        "not: [hots: 'a.org']"                || "'not' has no option 'hots'; did you mean 'host'? allowed: all, any, client, cookie, exactPath, header, host, method, not, path, pathRegex, query, when"
        "when: 'yes'"                         || "route when: got 'yes' (text), expected a block { request -> ... } answering true or false"
        "mehtod: 'GET'"                       || "'route' has no option 'mehtod'; did you mean 'method'? allowed: all, any, client, cookie, exactPath, header, host, method, not, path, pathRegex, query, when"
    }

    def "a misspelt word is refused with a suggestion: #line -> #message"() {
        expect:
        problemsOf('20-http.groovy': "http('public', port: 8080) {\n    $line\n}\n")*.message == [message]

        where:
        line                                     || message
        "route(path: '/x') { fowrard 'web' }"    || "unknown DSL word 'fowrard' in a route block; did you mean 'forward'? allowed here: addRequestHeader, addResponseHeader, forward, maxBody, redirect, redirectToHttps, removeRequestHeader, removeResponseHeader, replacePrefix, respond, retry, rewritePath, setRequestHeader, setResponseHeader, split, stripPrefix, timeouts"
        "rout(path: '/x') { forward 'web' }"     || "unknown DSL word 'rout' in an http block; did you mean 'route'? allowed here: otherwise, route"
        "otherwize { forward 'web' }"            || "unknown DSL word 'otherwize' in an http block; did you mean 'otherwise'? allowed here: otherwise, route"
    }
}
