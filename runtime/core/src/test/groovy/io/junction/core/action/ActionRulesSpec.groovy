package io.junction.core.action

import io.junction.api.RequestView
import io.junction.core.model.Action
import io.junction.core.model.SourceLocation
import io.junction.core.model.SplitKey
import spock.lang.Specification

/** Where a redirect points and which pool a split picks: the rules both engines and the testkit use. */
class ActionRulesSpec extends Specification {

    static final SourceLocation AT = new SourceLocation('20-http.groovy', 3, 9)

    def "redirect(#status, scheme: #scheme, host: #host, path: #path, keepQuery: #keep) of #requestPath?#query gives #expected"() {
        given:
        def redirect = new Action.Redirect(status, scheme, host, path, keep, AT)
        def request = new Request(host: 'shop.example.com', path: requestPath, query: query)

        expect:
        RedirectLocation.of(redirect, request, [id: '42', rest: 'a/b']) == expected

        where:
        status | scheme  | host             | path              | keep  | requestPath | query || expected
        301    | 'https' | null             | null              | true  | '/cart'     | 'x=1' || 'https://shop.example.com/cart?x=1'
        301    | 'https' | null             | null              | false | '/cart'     | 'x=1' || 'https://shop.example.com/cart'
        302    | null    | 'new.example.com' | null             | true  | '/a'        | ''    || 'http://new.example.com/a'
        308    | null    | null             | '/v2{path}'       | true  | '/items'    | 'p=2' || '/v2/items?p=2'
        307    | null    | null             | '/users/{id}/{rest}' | false | '/u'     | ''    || '/users/42/a/b'
        302    | null    | null             | '/{unknown}'      | false | '/u'        | ''    || '/%7Bunknown%7D'
        301    | 'https' | 'example.com:8443' | '/new path'     | false | '/x'        | ''    || 'https://example.com:8443/new%20path'
    }

    def "redirectToHttps with port #port of #requestPath?#query gives #expected"() {
        given:
        def request = new Request(host: 'shop.example.com', path: requestPath, query: query)

        expect:
        RedirectLocation.of(Action.Redirect.toHttps(port, AT), request, [:]) == expected

        where:
        port                          | requestPath | query     || expected
        Action.Redirect.SCHEME_PORT   | '/cart'     | 'x=1&y=2' || 'https://shop.example.com/cart?x=1&y=2'
        8443                          | '/a b'      | ''        || 'https://shop.example.com:8443/a%20b'
    }

    def "a keyed split sends every request with the same #source value to the same pool"() {
        given:
        def choice = new SplitChoice(split(SplitKey.parse(key), 50, 50))

        expect: 'one key always gets one pool, and across keys both pools get requests'
        def pools = (1..200).collect { n ->
            def picks = (1..5).collect { choice.pool(request("user-$n")) } as Set
            assert picks.size() == 1
            picks.first()
        }
        pools.toSet() == ['canary', 'stable'] as Set

        where:
        key                 || source
        'header:X-User'     || 'header'
        'cookie:session'    || 'cookie'
        'query:user'        || 'query'
        'client'            || 'client address'
    }

    def "a split with weights #canary/#stable sends about #expected% to the canary"() {
        given:
        def choice = new SplitChoice(split(SplitKey.NONE, canary, stable))

        when:
        int toCanary = (1..20_000).count { choice.pool(request("n$it")) == 'canary' }

        then:
        Math.abs(toCanary / 200 - expected) <= tolerance

        where:
        canary | stable || expected | tolerance
        5      | 95     || 5        | 1.5
        50     | 50     || 50       | 3
        0      | 1      || 0        | 0
        1      | 0      || 100      | 0
    }

    def "split key '#text' is #verdict"() {
        expect:
        refusal { SplitKey.parse(text) } == problem

        where:
        text         || problem
        'client'     || null
        'header:X-A' || null
        'ip'         || "split key 'ip' is not a key: use client, header:Name, cookie:name or query:name"
        'header:'    || "split key 'header:' is not a key: use client, header:Name, cookie:name or query:name"

        verdict = problem ? 'refused' : 'accepted'
    }

    static Action.Split split(SplitKey key, int canary, int stable) {
        new Action.Split([new Action.Split.Share('canary', canary), new Action.Split.Share('stable', stable)], key, AT)
    }

    static RequestView request(String user) {
        new Request(host: 'x.org', path: '/', query: "user=$user", headers: ['X-User': user, Cookie: "session=$user"], remote: user)
    }

    static String refusal(Closure<?> make) {
        try {
            make()
            null
        } catch (io.junction.core.model.InvalidSpecException e) {
            e.message
        }
    }

    static class Request implements RequestView {
        String host = 'x.org'
        String path = '/'
        String query = ''
        Map<String, String> headers = [:]
        String remote = '127.0.0.1'

        String method() { 'GET' }

        String host() { host }

        String path() { path }

        String query() { query }

        String header(String name) { headers[name] }

        String remoteAddress() { remote }
    }
}
