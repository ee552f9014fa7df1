package io.junction.dsl

import io.junction.core.check.ConfigProblem
import io.junction.core.check.ConfigValidator
import io.junction.core.model.Action
import io.junction.core.model.Filter
import io.junction.core.model.PoolSpec
import io.junction.core.model.RoutePolicy
import io.junction.core.model.RouteRetry
import io.junction.core.model.SourceLocation
import io.junction.core.model.SplitKey
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

import static io.junction.core.model.Filter.Header.Op.ADD
import static io.junction.core.model.Filter.Header.Op.REMOVE
import static io.junction.core.model.Filter.Header.Op.SET
import static io.junction.core.model.Filter.Header.Side.REQUEST
import static io.junction.core.model.Filter.Header.Side.RESPONSE
import static io.junction.dsl.Scripts.compile
import static io.junction.dsl.Scripts.problemsOf

/** The words inside a route block: one action, filters in the order written, the route's policy. */
class RouteWordsSpec extends Specification {

    static final String FILE = '20-http.groovy'

    /** The mistake or word under test is on line 2. */
    static String http(String words) {
        "http('public', port: 8080) {\n    route(path: '/api') { $words }\n}"
    }

    static at(int column) {
        new SourceLocation(FILE, 2, column)
    }

    def "#words -> #expected"() {
        when:
        def route = compile((FILE): http(words)).listener('public').routes()[0]

        then:
        route.action().class == expected.class
        route.action().properties.findAll { it.key != 'location' } == expected.properties.findAll { it.key != 'location' }

        where:
        words                                                                       || expected
        "forward 'web'"                                                             || new Action.Forward('web', at(1))
        "split 'api-canary': 5, api: 95"                                            || new Action.Split([share('api-canary', 5), share('api', 95)], SplitKey.NONE, at(1))
        "split a: 1, b: 1, key: 'cookie:session'"                                   || new Action.Split([share('a', 1), share('b', 1)], new SplitKey(SplitKey.Source.COOKIE, 'session'), at(1))
        "redirect 308"                                                              || new Action.Redirect(308, null, null, null, true, at(1))
        "redirect 301, scheme: 'https', host: 'x.org', path: '/n{path}', query: false" || new Action.Redirect(301, 'https', 'x.org', '/n{path}', false, at(1))
        "redirect 307, scheme: 'https', port: 8443"                                 || new Action.Redirect(307, 'https', null, null, true, 8443, at(1))
        "redirectToHttps()"                                                         || new Action.Redirect(308, 'https', null, null, true, at(1))
        "redirectToHttps port: 8443"                                                || new Action.Redirect(308, 'https', null, null, true, 8443, at(1))
        "respond 200, 'ok'"                                                         || new Action.Respond(200, 'ok', at(1))
        "respond 200, 'ok', headers: ['X-A': 1]"                                    || new Action.Respond(200, 'ok', ['X-A': '1'], at(1))
    }

    def "filters keep the order they are written in, and the policy words fill the route's policy"() {
        when:
        def route = compile((FILE): http('''
            stripPrefix '/api'
            replacePrefix '/v1', '/v2'
            rewritePath '^/u/(\\\\d+)$', '/users/$1'
            setRequestHeader 'X-Env', 'prod'
            addRequestHeader 'X-Tag', 'a'
            removeRequestHeader 'Cookie'
            setResponseHeader 'Cache-Control', 'no-store'
            addResponseHeader 'X-Served-By', 'junction'
            removeResponseHeader 'Server'
            timeouts connect: '1s', response: '30s', total: '10s'
            retry tries: 3, on: ['connect-failure'], perTry: '2s', resend: true
            maxBody 1024
            forward 'web' ''')).listener('public').routes()[0]

        then:
        route.filters() == [
                new Filter.StripPrefix('/api'), new Filter.ReplacePrefix('/v1', '/v2'), new Filter.RegexReplace('^/u/(\\d+)$', '/users/$1'),
                new Filter.Header(REQUEST, SET, 'X-Env', 'prod'), new Filter.Header(REQUEST, ADD, 'X-Tag', 'a'),
                new Filter.Header(REQUEST, REMOVE, 'Cookie', null), new Filter.Header(RESPONSE, SET, 'Cache-Control', 'no-store'),
                new Filter.Header(RESPONSE, ADD, 'X-Served-By', 'junction'), new Filter.Header(RESPONSE, REMOVE, 'Server', null)]
        route.policy() == new RoutePolicy(new PoolSpec.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(30)), null, 1024L,
                new RouteRetry(3, [RouteRetry.On.CONNECT_FAILURE] as Set, Duration.ofSeconds(2), true),
                Duration.ofSeconds(10))
    }

    def "otherwise takes the same words"() {
        when:
        def otherwise = compile((FILE): "http('public', port: 8080) {\n    otherwise { setRequestHeader 'X-Fallback', 'yes'; forward 'web' }\n}")
                .listener('public').otherwise()

        then:
        otherwise.filters() == [new Filter.Header(REQUEST, SET, 'X-Fallback', 'yes')]
        otherwise.action().pools() == ['web']
    }

    def "in a route block, #words -> #message"() {
        expect:
        problemsOf((FILE): http(words)) == [new ConfigProblem(at(column), message)]

        where:
        words                                           || column | message
        "forward 'a'; redirect 301"                     || 40     | "'redirect' after 'forward' at 20-http.groovy:2:27: route takes exactly one action: forward, split, redirect, redirectToHttps or respond"
        "split a: 5"                                    || 27     | "split needs two pools or more, e.g. split 'api-canary': 5, 'api': 95"
        "split a: 0, b: 0"                              || 27     | "split weights are all 0: give at least one pool a weight above 0"
        "split a: 'half', b: 1"                         || 27     | "split weight of 'a': got half, expected a whole number, e.g. split 'api-canary': 5, 'api': 95"
        "split a: 1, b: 1, key: 'ip'"                   || 27     | "split key 'ip' is not a key: use client, header:Name, cookie:name or query:name"
        "redirect 200"                                  || 27     | "redirect status 200 is not a redirect: use 301, 302, 303, 307 or 308"
        "redirect 301, path: 'new'"                     || 27     | "redirect path 'new' must start with '/'"
        "redirect 301, to: '/x'"                        || 27     | "'redirect' has no option 'to'; allowed: host, path, port, query, scheme"
        "redirectToHttps port: 0x10000"                 || 27     | "redirect port 65536 is not a port: use 1..65535"
        "redirectToHttps scheme: 'http'"                || 27     | "'redirectToHttps' has no option 'scheme'; allowed: port"
        "respond 200, 'x', headers: ['Bad Name': 1]"    || 27     | "header name 'Bad Name' is not a field name, e.g. X-Request-Source"
        "respond 200, 'x', headers: ['Content-Type': 'a']" || 27  | "respond sends text/plain; charset=utf-8: a Content-Type header is not supported"
        "stripPrefix 'api'; forward 'a'"                || 27     | "stripPrefix 'api' must start with '/'"
        "rewritePath '(', '/'; forward 'a'"             || 27     | "rewrite regex '(' is not a regular expression: Unclosed group near index 1"
        "rewritePath '/x', '/\${id}'; forward 'a'"      || 27     | "rewrite replacement '/\${id}': No group with name {id}"
        "rewritePath '/x', '/\$2'; forward 'a'"         || 27     | "rewrite replacement '/\$2': No group 2"
        "setRequestHeader 'Content-Length', '1'; forward 'a'" || 27 | "header 'Content-Length' frames the message or the connection; Junction sets it itself"
        "setRequestHeader 'X-A', 'a\\nb'; forward 'a'"  || 27     | "header value 'a\nb' has a line break: write it on one line"
        "timeouts response: 'soon'; forward 'a'"        || 27     | "timeouts response: 'soon' is not a duration; write a whole number above 0 followed by ms, s, m or h, e.g. 250ms, 1s, 2m"
        "maxBody(-1); forward 'a'"                      || 27     | "maxBody: got -1, expected 0 or more bytes"
        "maxBody 1; maxBody 2; forward 'a'"             || 27     | "'maxBody' after 'maxBody' at 20-http.groovy:2:27: route takes one maxBody"
        "retry tries: 0; forward 'a'"                   || 27     | "retry tries: got 0, expected 1 or more (1 = no retry)"
        "retry on: ['reset']; forward 'a'"              || 27     | "retry needs tries, e.g. retry tries: 2"
        "retry tries: 2, on: ['500']; forward 'a'"      || 27     | "retry on: unknown failure '500'; expected one of connect-failure, reset, timeout, 502, 503, 504"
        "timeouts total: '0s'; forward 'a'"             || 27     | "timeouts total: '0s' is not a duration; write a whole number above 0 followed by ms, s, m or h, e.g. 250ms, 1s, 2m"
        "stripPrefix '/a'"                              || 5      | "route has no action: add forward 'pool', split, redirect or respond"
    }

    def "the route actions example of docs/dsl.md compiles and validates"() {
        given:
        def docs = Files.readString(Path.of('..', 'docs', 'dsl.md'))
        def example = (docs =~ /(?s)## Route actions by example\n\n```groovy\n(.*?)```/)[0][1]

        when:
        def config = compile('10-example.groovy': example)

        then:
        config.listener('public').routes()*.action()*.getClass() ==
                [Action.Redirect, Action.Split, Action.Forward, Action.Redirect, Action.Respond]
        config.listener('public').otherwise().filters() == [new Filter.RegexReplace('/+', '/')]
        new ConfigValidator(['round-robin'] as Set).problems(config).empty
    }

    static Action.Split.Share share(String pool, int weight) {
        new Action.Split.Share(pool, weight)
    }
}
