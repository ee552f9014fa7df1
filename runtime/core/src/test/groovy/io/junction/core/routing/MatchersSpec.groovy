package io.junction.core.routing

import io.junction.core.model.Action
import io.junction.core.model.HttpListenerSpec
import io.junction.core.model.InvalidSpecException
import io.junction.core.model.Matcher
import io.junction.core.model.Matcher.ValueTest
import io.junction.core.model.RoutePolicy
import io.junction.core.model.RouteSpec
import io.junction.core.model.SourceLocation
import spock.lang.Specification

/** What each matcher accepts, one table per kind, through a compiled route table. */
class MatchersSpec extends Specification {

    static final SourceLocation AT = new SourceLocation('20-http.groovy', 3, 5)

    static boolean matches(Matcher matcher, OfflineRequest request) {
        def route = new RouteSpec([matcher], [], new Action.Respond(200, 'hit', AT), RoutePolicy.DEFAULTS, AT)
        RouteTable.compile([route], null, { it }).match(request) != null
    }

    static OfflineRequest get(String url) {
        OfflineRequest.of('GET', url)
    }

    def "host '#pattern' #verdict a request to '#url' (Host header #hostHeader)"() {
        given:
        def request = hostHeader ? get(url).withHeader('Host', hostHeader) : get(url)

        expect:
        matches(new Matcher.Host(pattern), request) == expected

        where:
        pattern             | url                          | hostHeader           || expected
        'shop.example.com'  | 'http://shop.example.com/'   | null                 || true
        'shop.example.com'  | 'http://SHOP.Example.COM/'   | null                 || true
        'Shop.Example.com'  | 'http://shop.example.com/'   | null                 || true
        'shop.example.com'  | 'http://x/'                  | 'shop.example.com.'  || true
        'shop.example.com.' | 'http://shop.example.com/'   | null                 || true
        'shop.example.com'  | 'http://x/'                  | 'shop.example.com:8443' || true
        'shop.example.com'  | 'http://shop.example.com.evil.io/' | null         || false
        '*.example.com'     | 'http://a.b.example.com/'    | null                 || true
        '*.example.com'     | 'http://example.com/'        | null                 || false
        '*.example.com'     | 'http://x/'                  | 'API.example.COM.'   || true
        '*.example.com'     | 'http://badexample.com/'     | null                 || false
        '*'                 | 'http://anything.org/'       | null                 || true

        verdict = expected ? 'matches' : 'does not match'
    }

    def "path #kind '#pattern' #verdict '#path'"() {
        expect:
        matches(matcher, get("http://x$path")) == expected

        where:
        kind     | pattern                                 | path                    || expected
        'exact'  | '/health'                               | '/health'               || true
        'exact'  | '/health'                               | '/health/'              || false
        'exact'  | '/health'                               | '/healthz'              || false
        'exact'  | '/caf\u00e9'                            | '/caf%C3%A9'            || true
        'glob'   | '/api/*/items/**'                       | '/api/v1/items'         || true
        'glob'   | '/api/*/items/**'                       | '/api/v1/items/7/x'     || true
        'glob'   | '/api/*/items/**'                       | '/api/items'            || false
        'glob'   | '/api/*/items/**'                       | '/api/a/b/items'        || false
        'glob'   | '/api/*/items/**'                       | '/api/v1/itemsx'        || false
        'glob'   | '/files/*.png'                          | '/files/cat.png'        || true
        'glob'   | '/files/*.png'                          | '/files/a/cat.png'      || false
        'glob'   | '/a/**/z'                               | '/a/z'                  || true
        'glob'   | '/a/**/z'                               | '/a/b/c/z'              || true
        'glob'   | '/a.b/*'                                | '/aXb/c'                || false
        'regex'  | '/users/(?<id>\\d+)'                    | '/users/42'             || true
        'regex'  | '/users/(?<id>\\d+)'                    | '/users/42/x'           || false
        'regex'  | '/users/(?<id>\\d+)'                    | '/users/x'              || false
        'prefix' | '/api'                                  | '/api%2Fx'              || true

        matcher = [exact: { new Matcher.PathExact(it) }, glob: { new Matcher.PathGlob(it) },
                   regex: { new Matcher.PathRegex(it) }, prefix: { new Matcher.PathPrefix(it) }][kind](pattern)
        verdict = expected ? 'matches' : 'does not match'
    }

    def "method #methods #verdict #method"() {
        expect:
        matches(new Matcher.Method(methods as Set), OfflineRequest.of(method, 'http://x/')) == expected

        where:
        methods          | method   || expected
        ['GET']          | 'GET'    || true
        ['GET', 'HEAD']  | 'HEAD'   || true
        ['GET', 'HEAD']  | 'POST'   || false
        ['PURGE']        | 'PURGE'  || true
        verdict = expected ? 'matches' : 'does not match'
    }

    def "header '#name' #test #verdict a request with #headers"() {
        given:
        def request = headers.inject(get('http://x/')) { r, h -> r.withHeader(h.key, h.value) }

        expect:
        matches(new Matcher.Header(name, test), request) == expected

        where:
        name        | test                           | headers                    || expected
        'X-Canary'  | ValueTest.PRESENT              | ['x-canary': '']           || true
        'x-canary'  | ValueTest.PRESENT              | ['X-CANARY': 'yes']        || true
        'X-Canary'  | ValueTest.PRESENT              | [:]                        || false
        'X-Canary'  | ValueTest.ABSENT               | [:]                        || true
        'X-Canary'  | ValueTest.ABSENT               | ['X-Canary': 'true']       || false
        'X-Canary'  | ValueTest.equalTo('true')      | ['x-canary': 'true']       || true
        'X-Canary'  | ValueTest.equalTo('true')      | ['X-Canary': 'TRUE']       || false
        'X-Canary'  | ValueTest.equalTo('true')      | [:]                        || false
        'User-Agent'| ValueTest.matching('.*Bot.*')  | ['user-agent': 'GoodBot/1']|| true
        'User-Agent'| ValueTest.matching('Bot')      | ['user-agent': 'GoodBot/1']|| false
        verdict = expected ? 'matches' : 'does not match'
    }

    def "cookie '#name' #test #verdict Cookie: #cookies"() {
        expect:
        matches(new Matcher.Cookie(name, test), get('http://x/').withHeader('Cookie', cookies)) == expected

        where:
        name      | test                        | cookies                  || expected
        'beta'    | ValueTest.equalTo('1')      | 'a=2; beta=1'            || true
        'beta'    | ValueTest.equalTo('1')      | 'BETA=1'                 || false
        'beta'    | ValueTest.PRESENT           | 'session=x; beta'        || true
        'beta'    | ValueTest.ABSENT            | 'session=x'              || true
        'beta'    | ValueTest.matching('[0-9]+')| 'beta=42'                || true
        verdict = expected ? 'matches' : 'does not match'
    }

    def "query '#name' #test #verdict ?#query"() {
        expect:
        matches(new Matcher.Query(name, test), get("http://x/p?$query")) == expected

        where:
        name      | test                     | query             || expected
        'debug'   | ValueTest.PRESENT        | 'debug'           || true
        'debug'   | ValueTest.PRESENT        | 'x=1&debug=1'     || true
        'debug'   | ValueTest.equalTo('1')   | 'debug=1'         || true
        'debug'   | ValueTest.equalTo('1')   | 'debug=2'         || false
        'debug'   | ValueTest.ABSENT         | 'debugger=1'      || true
        verdict = expected ? 'matches' : 'does not match'
    }

    def "client #cidrs #verdict #address"() {
        expect:
        matches(new Matcher.ClientAddress(cidrs), get('http://x/').withClient(address)) == expected

        where:
        cidrs                          | address                 || expected
        ['10.0.0.0/8']                 | '10.200.3.4'            || true
        ['10.0.0.0/8']                 | '11.0.0.1'              || false
        ['192.168.1.7']                | '192.168.1.7'           || true
        ['192.168.1.7']                | '192.168.1.8'           || false
        ['10.0.0.0/8', '172.16.0.0/12']| '172.31.255.255'        || true
        ['0.0.0.0/0']                  | '8.8.8.8'               || true
        ['2001:db8::/32']              | '2001:db8:1::5'         || true
        ['2001:db8::/32']              | '2001:db9::1'           || false
        ['2001:db8::/32']              | '10.0.0.1'              || false
        ['::1/128']                    | '0:0:0:0:0:0:0:1'       || true
        ['10.0.0.0/8']                 | '::ffff:10.1.2.3'       || true
        ['10.0.0.0/8']                 | 'not-an-address'        || false
        ['2001:db8::/32']              | '[2001:db8::7]'         || true
        verdict = expected ? 'matches' : 'does not match'
    }

    def "a script predicate decides per request"() {
        given:
        def matcher = new Matcher.Script({ it.header('X-Tenant')?.startsWith('acme') } as java.util.function.Predicate, AT)

        expect:
        matches(matcher, get('http://x/').withHeader('X-Tenant', 'acme-eu'))
        !matches(matcher, get('http://x/').withHeader('X-Tenant', 'other'))
    }

    def "composition: #description #verdict #method #url"() {
        expect:
        matches(matcher, OfflineRequest.of(method, url)) == expected

        where:
        description          | method | url                     || expected
        'any(host a, path)'  | 'GET'  | 'http://a.org/x'        || true
        'any(host a, path)'  | 'GET'  | 'http://b.org/admin/1'  || true
        'any(host a, path)'  | 'GET'  | 'http://b.org/x'        || false
        'all(GET, path)'     | 'GET'  | 'http://b.org/admin'    || true
        'all(GET, path)'     | 'POST' | 'http://b.org/admin'    || false
        'not(GET, path)'     | 'GET'  | 'http://b.org/admin'    || false
        'not(GET, path)'     | 'POST' | 'http://b.org/admin'    || true
        'not(GET, path)'     | 'GET'  | 'http://b.org/x'        || true

        matcher = [
                'any(host a, path)': new Matcher.AnyOf([[new Matcher.Host('a.org')], [new Matcher.PathPrefix('/admin')]]),
                'all(GET, path)'   : new Matcher.AllOf([[new Matcher.Method(['GET'] as Set)], [new Matcher.PathPrefix('/admin')]]),
                'not(GET, path)'   : new Matcher.Not([new Matcher.Method(['GET'] as Set), new Matcher.PathPrefix('/admin')]),
        ][description]
        verdict = expected ? 'matches' : 'does not match'
    }

    def "a bad #what is refused with '#message'"() {
        when:
        build()

        then:
        def e = thrown(InvalidSpecException)
        e.message.contains(message)

        where:
        what            | build                                                  || message
        'CIDR length'   | { new Matcher.ClientAddress(['10.0.0.0/33']) }         || "route client: '10.0.0.0/33' is not an address range"
        'CIDR address'  | { new Matcher.ClientAddress(['10.0.0.256/8']) }        || "route client: '10.0.0.256/8' is not an address range"
        'CIDR host name'| { new Matcher.ClientAddress(['localhost']) }           || "route client: 'localhost' is not an address range"
        'IPv6 length'   | { new Matcher.ClientAddress(['2001:db8::/129']) }      || "route client: '2001:db8::/129' is not an address range"
        'regex'         | { new Matcher.PathRegex('/users/(?<id>\\d+') }         || "route pathRegex //users/(?<id>\\d+/ is not a regular expression: Unclosed group"
        'header regex'  | { new Matcher.Header('X', ValueTest.matching('[a')) }  || "route value /[a/ is not a regular expression"
        'glob'          | { new Matcher.PathGlob('/api/**x') }                   || "'**' must be a whole segment"
        'method'        | { new Matcher.Method(['get'] as Set) }                 || "route method 'get' is not an HTTP method"
        'path'          | { new Matcher.PathExact('health') }                    || "route exactPath 'health' must start with '/'"
    }
}
