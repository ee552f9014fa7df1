package io.junction.dsl

import io.junction.core.check.ConfigProblem
import io.junction.core.model.SourceLocation
import spock.lang.Specification

import static io.junction.dsl.Scripts.problemsOf

/** Mistakes found while a script runs: each is reported at the DSL word that made it. */
class ScriptErrorsSpec extends Specification {

    def "in a pool block, #line -> #message"() {
        given: 'the mistake is on line 3'
        def script = "pool('web') {\n    backend 'http://127.0.0.1:9001'\n    $line\n}"

        expect:
        problemsOf('10-pools.groovy': script) == [new ConfigProblem(new SourceLocation('10-pools.groovy', 3, column), message)]

        where:
        line                                                || column | message
        "balance 42"                                        || 5      | "wrong arguments for 'balance' (number): use balance 'strategy-id' or balance 'strategy-id', option: 'value'"
        "balance round-robin"                               || 13     | "unknown name 'round' in a pool block (text values need quotes: 'round'); allowed words here: allDown, backend, balance, eject, health, maxConnections, proxyProtocol, retries, sessions, sticky, timeouts, tls"
        "balance ''"                                        || 5      | "balance needs a strategy id, e.g. balance 'round-robin'"
        "balance 'a', options: [1, 2]"                      || 5      | "balance options: got [1, 2] (ArrayList), expected text, a number or true/false"
        "frobnicate 'x'"                                    || 5      | "unknown DSL word 'frobnicate' in a pool block; allowed here: allDown, backend, balance, eject, health, maxConnections, proxyProtocol, retries, sessions, sticky, timeouts, tls"
        "backend"                                           || 5      | "'backend' needs arguments: use backend 'http://host:port' or backend 'http://host:port', weight: 2, state: 'drain', maxConnections: 100"
        "backend 'ftp://127.0.0.1:9002'"                    || 5      | "backend 'ftp://127.0.0.1:9002' is not http://host:port, https://host:port or tcp://host:port: the scheme must be http, https or tcp"
        "backend 'http://127.0.0.1'"                        || 5      | "backend 'http://127.0.0.1' is not http://host:port, https://host:port or tcp://host:port: the port is missing"
        "backend 'http://127.0.0.1:99999'"                  || 5      | "backend 'http://127.0.0.1:99999' is not http://host:port, https://host:port or tcp://host:port: the port must be 1..65535"
        "backend 'http://bad_host:9002'"                    || 5      | "backend 'http://bad_host:9002' is not http://host:port, https://host:port or tcp://host:port: the host is missing or not a valid host name"
        "backend 'http://127.0.0.1:9002/api'"               || 5      | "backend 'http://127.0.0.1:9002/api' is not http://host:port, https://host:port or tcp://host:port: a path, query or user info is not allowed"
        "backend 'http://127.0.0.1:9002?x=1'"               || 5      | "backend 'http://127.0.0.1:9002?x=1' is not http://host:port, https://host:port or tcp://host:port: a path, query or user info is not allowed"
        "backend 'http://127.0.0.1 :9002'"                  || 5      | "backend 'http://127.0.0.1 :9002' is not http://host:port, https://host:port or tcp://host:port: Illegal character in authority"
        "backend 'http://127.0.0.1:9002', weight: 0"        || 5      | "backend weight: got 0, expected a whole number of at least 1"
        "backend 'http://127.0.0.1:9002', weight: 'heavy'"  || 5      | "backend weight: got 'heavy' (text), expected a whole number"
        "backend 'http://127.0.0.1:9002', wieght: 2"        || 5      | "'backend' has no option 'wieght'; did you mean 'weight'? allowed: maxConnections, state, weight"
        "timeouts connect: '5 sec'"                         || 5      | "timeouts connect: '5 sec' is not a duration; write a whole number above 0 followed by ms, s, m or h, e.g. 250ms, 1s, 2m"
        "timeouts response: '0s'"                           || 5      | "timeouts response: '0s' is not a duration; write a whole number above 0 followed by ms, s, m or h, e.g. 250ms, 1s, 2m"
        "timeouts connect: 5"                               || 5      | "timeouts connect: got 5 (Integer), expected text in quotes"
        "timeouts idle: '60s'"                              || 5      | "'timeouts' has no option 'idle'; allowed: connect, response"
        "backend 'http://127.0.0.1:9002', state: 'off'"     || 5      | "backend state: got 'off', expected up, drain, maint"
        "health 'http', fall: 0"                            || 5      | "health fall: got 0, expected a whole number of at least 1"
        "health 'http', initial: 'maybe'"                   || 5      | "health initial: got 'maybe', expected 'up' or 'down'"
        "health 'http', interval: '1s', timeout: '2s'"      || 5      | "health timeout 2000ms is longer than the interval 1000ms; a probe must end before the next is due"
        "health 'http', interval: 'often'"                  || 5      | "health interval: 'often' is not a duration; write a whole number above 0 followed by ms, s, m or h, e.g. 250ms, 1s, 2m"
        "health ''"                                         || 5      | "health needs a check id, e.g. health 'http'"
        "eject failures: -1"                                || 5      | "eject failures: got -1, expected 0 (off) or more"
        "eject maxPercent: 0"                               || 5      | "eject maxPercent: got 0, expected 1..100"
        "eject time: '1m', maxTime: '30s'"                  || 5      | "eject maxTime 30000ms is shorter than time 60000ms"
        "retries 2, budget: 0"                              || 5      | "retries budget: got 0, expected 1..100 (percent)"
        "retries 2, tries: 3"                               || 5      | "'retries' has no option 'tries'; allowed: budget, time"
        "allDown panic: 'yes'"                              || 5      | "allDown panic: got 'yes' (text), expected true or false"
        "route { forward 'web' }"                           || 5      | "unknown DSL word 'route' in a pool block; allowed here: allDown, backend, balance, eject, health, maxConnections, proxyProtocol, retries, sessions, sticky, timeouts, tls"
        "pool('inner') { backend 'http://127.0.0.1:9002' }" || 5      | "'pool' is not allowed in a pool block; allowed here: allDown, backend, balance, eject, health, maxConnections, proxyProtocol, retries, sessions, sticky, timeouts, tls"
    }

    def "in an http block, #line -> #message"() {
        given: 'the mistake is on line 2'
        def script = "http('public', port: 8080) {\n    $line\n}"

        expect:
        problemsOf('20-http.groovy': script) == [new ConfigProblem(new SourceLocation('20-http.groovy', 2, column), message)]

        where:
        line                                                             || column | message
        "route(path: '/x') { }"                                          || 5      | "route has no action: add forward 'pool', split, redirect or respond"
        "otherwise { }"                                                  || 5      | "otherwise has no action: add forward 'pool', split, redirect or respond"
        "route(path: '/x') { forward 'web'; respond 200, 'ok' }"         || 40     | "'respond' after 'forward' at 20-http.groovy:2:25: route takes exactly one action: forward, split, redirect, redirectToHttps or respond"
        "otherwise { forward 'web'; respond 410, 'gone' }"               || 32     | "'respond' after 'forward' at 20-http.groovy:2:17: otherwise takes exactly one action: forward, split, redirect, redirectToHttps or respond"
        "route(path: '/x') { respond 600, 'late' }"                      || 25     | "respond status 600 is not an HTTP status: use 100..599"
        "route(path: '/x') { respond 99, 'early' }"                      || 25     | "respond status 99 is not an HTTP status: use 100..599"
        "route(path: '/x') { respond 'ok' }"                             || 25     | "wrong arguments for 'respond' (text): use respond 200, 'pong', headers: ['Cache-Control': 'no-store'] or respond 404, 'no route'"
        "route(path: '/x') { forward 42 }"                               || 25     | "wrong arguments for 'forward' (number): use forward 'pool'"
        "route(path: '/x') { forward '' }"                               || 25     | "forward needs a pool name, e.g. forward 'web'"
        "route(path: '/x') { frobnicate 'x' }"                           || 25     | "unknown DSL word 'frobnicate' in a route block; allowed here: addRequestHeader, addResponseHeader, forward, maxBody, redirect, redirectToHttps, removeRequestHeader, removeResponseHeader, replacePrefix, respond, retry, rewritePath, setRequestHeader, setResponseHeader, split, stripPrefix, timeouts"
        "route(path: '/x') { otherwise { forward 'web' } }"              || 25     | "'otherwise' is not allowed in a route block; allowed here: addRequestHeader, addResponseHeader, forward, maxBody, redirect, redirectToHttps, removeRequestHeader, removeResponseHeader, replacePrefix, respond, retry, rewritePath, setRequestHeader, setResponseHeader, split, stripPrefix, timeouts"
        "route(path: 'api') { forward 'web' }"                           || 5      | "route path 'api' must start with '/'"
        "route(path: '/api/**.json') { forward 'web' }"                  || 5      | "route path '/api/**.json': '**' must be a whole segment (/a/**/b), it matches any number of segments; '*' matches within one"
        "route(host: 'shop.example.com:8080') { forward 'web' }"         || 5      | "route host 'shop.example.com:8080' is not a host name: write it without port or path, e.g. shop.example.com, or *.example.com for every subdomain"
        "route(host: 'shop.*.com') { forward 'web' }"                    || 5      | "route host 'shop.*.com' is not a host name: write it without port or path, e.g. shop.example.com, or *.example.com for every subdomain"
        "route(hots: 'shop.example.com') { forward 'web' }"              || 5      | "'route' has no option 'hots'; did you mean 'host'? allowed: all, any, client, cookie, exactPath, header, host, method, not, path, pathRegex, query, when"
        "route(path: '/x')"                                              || 5      | "wrong arguments for 'route' (named arguments): use route { forward 'pool' } or route(host: 'shop.example.com', path: '/api/**') { forward 'pool' }"
        "forward 'web'"                                                  || 5      | "unknown DSL word 'forward' in an http block; allowed here: otherwise, route"
        "backend 'http://127.0.0.1:9001'"                                || 5      | "unknown DSL word 'backend' in an http block; allowed here: otherwise, route"
    }

    def "at the top level, #script -> #message"() {
        expect:
        problemsOf('20-http.groovy': script) == [new ConfigProblem(new SourceLocation('20-http.groovy', 1, column), message)]

        where:
        script                                             || column | message
        "frobnicate 'x'"                                   || 1      | "unknown DSL word 'frobnicate' in the top level of a script; allowed here: http, https, pool, tcp"
        "http('public') { }"                               || 1      | "wrong arguments for 'http' (text, block): use http('name', port: 8080, bind: '0.0.0.0') { route(path: '/') { forward 'pool' } }"
        "http('public', bind: '127.0.0.1') { }"            || 1      | "http 'public' needs a port, e.g. http('public', port: 8080)"
        "http('public', port: '8080') { }"                 || 1      | "http port: got '8080' (text), expected a whole number"
        "http('public', port: 8080, bind: 127) { }"        || 1      | "http bind: got 127 (Integer), expected text in quotes"
        "http('public', port: 70000) { }"                  || 1      | "listener 'public' port 70000 is outside 0..65535"
        "http('public', port: -1) { }"                     || 1      | "listener 'public' port -1 is outside 0..65535"
        "http('public', port: 8080, tls: true) { }"        || 1      | "'http' has no option 'tls'; allowed: accessLog, bind, forwarded, h2c, limits, port, rawPath, trustedProxies"
        "http('', port: 8080) { }"                         || 1      | "listener name must not be blank"
        "pool('web')"                                      || 1      | "wrong arguments for 'pool' (text): use pool('name') { backend 'http://host:port' }"
        "pool(' ') { }"                                    || 1      | "pool name must not be blank"
        "def pools = [:]; pools.web.backend 'x'"           || 1      | "script failed: java.lang.NullPointerException: Cannot invoke method backend() on null object"
        "String.frobnicate()"                              || 8      | "script failed: groovy.lang.MissingMethodException: No signature of static method: frobnicate for class: java.lang.String is applicable for argument types: () values: []"
    }

    def "a word used twice is located at the second use and points at the first"() {
        expect:
        problemsOf('10-pools.groovy': """\
pool('web') {
    balance 'round-robin'
    backend 'http://127.0.0.1:9001'
    timeouts connect: '1s'
    balance 'least-connections'
    timeouts response: '1s'
}
""")*.toString() == [
                "10-pools.groovy:5:5: 'balance' after 'balance' at 10-pools.groovy:2:5: a pool takes one balance",
                "10-pools.groovy:6:5: 'timeouts' after 'timeouts' at 10-pools.groovy:4:5: a pool takes one timeouts"]
    }

    def "a second otherwise in a listener is refused"() {
        expect:
        problemsOf('20-http.groovy': "http('public', port: 8080) {\n    otherwise { forward 'web' }\n    otherwise { respond 404, 'no' }\n}")*.toString() ==
                ["20-http.groovy:3:5: 'otherwise' after 'otherwise' at 20-http.groovy:2:5: a listener takes one otherwise"]
    }

    def "duplicate #kind names are reported at the second declaration, also across files"() {
        expect:
        problemsOf('10-a.groovy': declaration, '20-b.groovy': "\n" + declaration)*.toString() ==
                ["20-b.groovy:2:1: $kind 'web' is already declared at 10-a.groovy:1:1"]

        where:
        kind       || declaration
        'pool'     || "pool('web') { backend 'http://127.0.0.1:9001' }"
        'listener' || "http('web', port: 8080) { otherwise { respond 200, 'ok' } }"
    }

    def "value mistakes do not stop the script: every one of them is reported"() {
        expect:
        problemsOf('10-pools.groovy': """\
pool('web') {
    backend 'http://127.0.0.1', weight: 0
    backend 'http://127.0.0.1:9002/'
    backend 'ftp://127.0.0.1:9003'
}
http('public', port: 8080) {
    route(path: '/x') { respond 700, 'x' }
}
""")*.toString() == [
                "10-pools.groovy:2:5: backend weight: got 0, expected a whole number of at least 1",
                "10-pools.groovy:2:5: backend 'http://127.0.0.1' is not http://host:port, https://host:port or tcp://host:port: the port is missing",
                "10-pools.groovy:4:5: backend 'ftp://127.0.0.1:9003' is not http://host:port, https://host:port or tcp://host:port: the scheme must be http, https or tcp",
                "10-pools.groovy:7:25: respond status 700 is not an HTTP status: use 100..599"]
    }

    def "an unknown word stops its file, but the next files are still compiled and reported"() {
        expect:
        problemsOf(
                '10-pools.groovy': "pool('web') {\n    frobnicate 'x'\n    backend 'ftp://never-reached:1'\n}",
                '20-http.groovy': "http('public', port: 8080) {\n    route(path: '/') { respond 1000, 'x' }\n}")*.toString() == [
                "10-pools.groovy:2:5: unknown DSL word 'frobnicate' in a pool block; allowed here: allDown, backend, balance, eject, health, maxConnections, proxyProtocol, retries, sessions, sticky, timeouts, tls",
                "20-http.groovy:2:24: respond status 1000 is not an HTTP status: use 100..599"]
    }

    def "a mistake inside a helper method is located where the DSL word is written"() {
        expect:
        problemsOf('10-pools.groovy': """\
def addBackend(delegate, port) {
    delegate.backend "http://127.0.0.1:\$port", weight: -1
}
pool('web') {
    addBackend(delegate, 9001)
}
""")*.toString() == ["10-pools.groovy:2:14: backend weight: got -1, expected a whole number of at least 1"]
    }

    def "a word of an outer block is refused inside an inner one instead of changing the outer spec"() {
        expect:
        problemsOf('20-http.groovy': """\
http('public', port: 8080) {
    route(path: '/x') {
        route(path: '/y') { forward 'web' }
    }
}
""")*.toString() == ["20-http.groovy:3:9: 'route' is not allowed in a route block; allowed here: addRequestHeader, addResponseHeader, forward, maxBody, redirect, redirectToHttps, removeRequestHeader, removeResponseHeader, replacePrefix, respond, retry, rewritePath, setRequestHeader, setResponseHeader, split, stripPrefix, timeouts"]
    }

    def "a call spanning lines is located at its word, on the line where it starts"() {
        expect:
        problemsOf('10-pools.groovy': "pool('web') {\n    backend 'http://127.0.0.1:9001'\n    timeouts(\n        connect: '1x')\n}")*.toString() ==
                ["10-pools.groovy:3:5: timeouts connect: '1x' is not a duration; write a whole number above 0 followed by ms, s, m or h, e.g. 250ms, 1s, 2m"]
    }

    def "a failure without a DSL word is located at the first non-blank column of its line"() {
        expect:
        problemsOf('10-pools.groovy': "pool('web') {\n      1 / 0\n}")*.toString() ==
                ["10-pools.groovy:2:7: script failed: java.lang.ArithmeticException: Division by zero"]
    }
}
