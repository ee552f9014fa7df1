package io.junction.core.model

import spock.lang.Specification

/** The rules about single values live in the model; the DSL reports these very messages at file:line. */
class ModelRulesSpec extends Specification {

    static final SourceLocation AT = new SourceLocation('10-pools.groovy', 2, 5)

    def "backend weight #weight is #verdict"() {
        expect:
        refusal { new BackendSpec(BackendAddress.parse('http://127.0.0.1:9001'), weight, AT) } == problem

        where:
        weight            || problem
        1                 || null
        100               || null
        Integer.MAX_VALUE || null
        0                 || 'backend weight: got 0, expected a whole number of at least 1'
        -3                || 'backend weight: got -3, expected a whole number of at least 1'

        verdict = problem ? 'refused' : 'accepted'
    }

    def "respond status #status is #verdict"() {
        expect:
        refusal { new Action.Respond(status, 'text', AT) } == problem

        where:
        status || problem
        100    || null
        200    || null
        599    || null
        99     || 'respond status 99 is not an HTTP status: use 100..599'
        600    || 'respond status 600 is not an HTTP status: use 100..599'
        0      || 'respond status 0 is not an HTTP status: use 100..599'
        -200   || 'respond status -200 is not an HTTP status: use 100..599'

        verdict = problem ? 'refused' : 'accepted'
    }

    def "redirect port #port with host #host is #verdict"() {
        expect:
        refusal { new Action.Redirect(308, 'https', host, null, true, port, AT) } == problem

        where:
        port  | host          || problem
        0     | null          || null
        8443  | null          || null
        65535 | null          || null
        0     | 'x.org:8443'  || null
        -1    | null          || 'redirect port -1 is not a port: use 1..65535'
        65536 | null          || 'redirect port 65536 is not a port: use 1..65535'
        8443  | 'x.org'       || "redirect takes a port or a host, not both: write host: 'name:port'"

        verdict = problem ? 'refused' : 'accepted'
    }

    def "#action.class.simpleName is described as '#text' wherever a route's action is written"() {
        expect:
        action.describe() == text

        where:
        action                                                                                       || text
        new Action.Forward('web', AT)                                                                || "forward 'web'"
        new Action.Split([new Action.Split.Share('canary', 5), new Action.Split.Share('web', 95)], null, AT) || 'split [canary, web]'
        new Action.Redirect(308, 'https', null, null, true, AT)                                      || 'redirect 308'
        new Action.Respond(418, 'teapot', AT)                                                        || 'respond 418'
    }

    def "listener port #port is #verdict"() {
        expect:
        refusal { HttpListenerSpec.builder('public', port).bindAddress('127.0.0.1').location(AT).build() } == problem

        where:
        port              || problem
        0                 || null
        1                 || null
        8080              || null
        65535             || null
        -1                || "listener 'public' port -1 is outside 0..65535"
        65536             || "listener 'public' port 65536 is outside 0..65535"
        Integer.MIN_VALUE || "listener 'public' port ${Integer.MIN_VALUE} is outside 0..65535"

        verdict = problem ? 'refused' : 'accepted'
    }

    def "backend address '#text' is #verdict"() {
        expect:
        refusal { BackendAddress.parse(text) } == (reason ? "backend '$text' is not http://host:port, https://host:port or tcp://host:port: $reason".toString() : null)

        where:
        text                                || reason
        'http://127.0.0.1:9001'             || null
        'http://127.0.0.1:9001/'            || null
        'http://Backend-1.Internal:8443'    || null
        'http://[::1]:9001'                 || null
        'tcp://db.internal:5432'            || null
        'tcp://127.0.0.1'                   || 'the port is missing'
        'ftp://127.0.0.1:9002'              || 'the scheme must be http, https or tcp'
        'localhost:9002'                    || 'the scheme must be http, https or tcp'
        'http://127.0.0.1'                  || 'the port is missing'
        'http://127.0.0.1:0'                || 'the port must be 1..65535'
        'http://127.0.0.1:99999'            || 'the port must be 1..65535'
        'http://bad_host:9002'              || 'the host is missing or not a valid host name'
        'http://127.0.0.1:9002/api'         || 'a path, query or user info is not allowed'
        'http://127.0.0.1:9002?x=1'         || 'a path, query or user info is not allowed'
        'http://user@127.0.0.1:9002'        || 'a path, query or user info is not allowed'
        'http://127.0.0.1 :9002'            || 'Illegal character in authority'

        verdict = reason ? 'refused' : 'accepted'
    }

    def "route host '#pattern' is #verdict"() {
        expect:
        refusal { new Matcher.Host(pattern) } == (valid ? null : "route host '$pattern' is not a host name: write it without port "
                + 'or path, e.g. shop.example.com, or *.example.com for every subdomain')

        where:
        pattern                 || valid
        'shop.example.com'      || true
        '*.example.com'         || true
        '*'                     || true
        'shop.example.com:8080' || false
        'shop.*.com'            || false
        'example.com/x'         || false
        ''                      || false
        null                    || false

        verdict = valid ? 'accepted' : 'refused'
    }

    def "route path '#pattern' is #verdict"() {
        expect:
        refusal { new Matcher.PathPrefix(pattern) } == problem

        where:
        pattern     || problem
        '/'         || null
        '/api'      || null
        '/api/**'   || null
        'api'       || "route path 'api' must start with '/'"
        null        || "route path 'null' must start with '/'"
        '/a*'       || "route path '/a*': '*' is only allowed as a trailing /**, meaning the path and everything below it"
        '/**/x'     || "route path '/**/x': '*' is only allowed as a trailing /**, meaning the path and everything below it"

        verdict = problem ? 'refused' : 'accepted'
    }

    def "address #text has id #id and uri #uri"() {
        given:
        def address = BackendAddress.parse(text)
        def backend = new BackendSpec(address, 1, AT)

        expect:
        address.id() == id
        address.uri() == URI.create(uri)
        backend.id() == id
        backend.uri() == address.uri()

        where:
        text                             || id                               | uri
        'http://127.0.0.1:9001'          || 'http://127.0.0.1:9001'          | 'http://127.0.0.1:9001'
        'http://127.0.0.1:9001/'         || 'http://127.0.0.1:9001'          | 'http://127.0.0.1:9001'
        'http://Backend-1.Internal:8443' || 'http://backend-1.internal:8443' | 'http://Backend-1.Internal:8443'
        'http://[::1]:9001'              || 'http://[::1]:9001'              | 'http://[::1]:9001'
    }

    def "an address built directly is held to the same rules: #why"() {
        expect:
        refusal { new BackendAddress(scheme, host, port) } == problem

        where:
        why           | scheme                      | host        | port  || problem
        'no scheme'   | null                        | '127.0.0.1' | 80    || 'the scheme must be http, https or tcp'
        'no host'     | BackendAddress.Scheme.HTTP  | ' '         | 80    || 'the host is missing or not a valid host name'
        'port 70000'  | BackendAddress.Scheme.HTTP  | '127.0.0.1' | 70000 || 'the port must be 1..65535'
    }

    /** The message {@code make} is refused with, or null when the model accepts it. */
    private static String refusal(Closure<?> make) {
        try {
            make()
            null
        } catch (InvalidSpecException e) {
            e.message
        }
    }
}
