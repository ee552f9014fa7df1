package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Path
import java.time.Duration

/** Every action and filter a route can take, through a real listener to real backends that say what they received. */
class RouteActionsSpec extends Specification {

    @Shared @TempDir Path dir
    @Shared @AutoCleanup('close') TestBackend web = new TestBackend('web')
    @Shared @AutoCleanup('close') TestBackend canary = new TestBackend('canary')
    @Shared @AutoCleanup('close') Junction junction

    def setupSpec() {
        junction = new Junction(dir, ['web.groovy': """
            pool('web') { backend '$web.url' }
            pool('canary') { backend '$canary.url' }
            http('public', port: 0, bind: '127.0.0.1') {
                route(path: '/strip') { stripPrefix '/strip'; forward 'web' }
                route(path: '/v1') { replacePrefix '/v1', '/echo'; forward 'web' }
                route(path: '/re') { rewritePath '^/re/(?<rest>.*)\$', '/\${rest}'; forward 'web' }
                route(path: '/headers') {
                    stripPrefix '/headers'
                    setRequestHeader 'X-Env', 'prod'
                    addRequestHeader 'X-Tag', 'junction'
                    removeRequestHeader 'X-Secret'
                    setResponseHeader 'Cache-Control', 'no-store'
                    addResponseHeader 'X-Served-By', 'junction'
                    removeResponseHeader 'X-Echo'
                    forward 'web'
                }
                route(path: '/old') { redirect 308, path: '/new{path}', query: false }
                route(path: '/secure') { redirect 301, scheme: 'https' }
                route(pathRegex: ~'/u/(?<id>[0-9]+)') { redirect 301, path: '/users/{id}' }
                route(path: '/ping') { respond 200, 'pong', headers: ['X-Pong': 'yes', 'Cache-Control': 'no-store'] }
                route(path: '/sticky') { stripPrefix '/sticky'; split web: 1, canary: 1, key: 'header:X-User' }
                route(path: '/all-canary') { stripPrefix '/all-canary'; split web: 0, canary: 1 }
                route(path: '/small') { maxBody 10; stripPrefix '/small'; forward 'web' }
                route(path: '/hang') { timeouts response: '300ms'; forward 'web' }
            }
        """])
    }

    private HttpResponse<String> send(String target, Map<String, String> headers = [:], String body = null) {
        def request = HttpRequest.newBuilder(junction.uri('public', target)).timeout(Duration.ofSeconds(20))
        headers.each { name, value -> request.header(name, value) }
        if (body != null) {
            request.POST(HttpRequest.BodyPublishers.ofString(body))
        }
        junction.client.send(request.build(), HttpResponse.BodyHandlers.ofString())
    }

    /** The echo backend's lines as name -> values. */
    private static Map<String, List<String>> echoed(String body) {
        body.readLines().groupBy { it.substring(0, it.indexOf(': ')) }.collectEntries { name, lines ->
            [(name): lines.collect { it.substring(it.indexOf(': ') + 2) }]
        }
    }

    def "#target reaches the backend as #path?#query"() {
        when:
        def seen = echoed(send(target).body())

        then:
        seen.path == [path]
        seen.query == [query]

        where:
        target                      || path    | query
        '/strip/echo?a=1&b=two'     || '/echo' | 'a=1&b=two'
        '/v1'                       || '/echo' | 'null'
        '/v1?x=%20y'                || '/echo' | 'x=%20y'
        '/re/echo'                  || '/echo' | 'null'
    }

    def "request headers are set, added and removed before forwarding; response headers after"() {
        when:
        def response = send('/headers/echo', ['X-Env': 'dev', 'X-Tag': 'client', 'X-Secret': 'token'])
        def seen = echoed(response.body())

        then: 'the backend saw the edited request'
        seen['header x-env'] == ['prod']
        seen['header x-tag'].sort() == ['client', 'junction']
        !seen.containsKey('header x-secret')

        and: 'the client got the edited response'
        response.headers().allValues('Cache-Control') == ['no-store']
        response.headers().allValues('X-Served-By') == ['junction']
        response.headers().allValues('X-Echo') == []
    }

    def "redirect #target answers #status with Location #location"() {
        when:
        def response = send(target)

        then:
        response.statusCode() == status
        response.headers().firstValue('Location').orElse(null) == location

        where:
        target          || status | location
        '/old/a?q=1'    || 308    | '/new/old/a'
        '/secure/x?q=1' || 301    | 'https://127.0.0.1/secure/x?q=1'
        '/u/42?q=1'     || 301    | '/users/42?q=1'
    }

    def "respond answers by itself with its headers"() {
        when:
        def response = send('/ping')

        then:
        response.statusCode() == 200
        response.body() == 'pong'
        response.headers().firstValue('X-Pong').orElse(null) == 'yes'
        response.headers().firstValue('Cache-Control').orElse(null) == 'no-store'
        web.requests.get() + canary.requests.get() == old(web.requests.get() + canary.requests.get())
    }

    def "a split keyed on a header keeps each user on one pool and spreads users over both"() {
        when:
        def pools = (1..40).collect { user ->
            (1..3).collect { send('/sticky/who', ['X-User': "user-$user"]).body() }.toSet()
        }

        then:
        pools.every { it.size() == 1 }
        pools.collect { it.first() }.toSet() == ['web', 'canary'] as Set
    }

    def "a split whose other pools weigh 0 always picks the one left"() {
        expect:
        (1..20).collect { send('/all-canary/who').body() }.toSet() == ['canary'] as Set
    }

    def "a route's maxBody answers 413 to a #length byte body"() {
        when:
        def response = send('/small/echo', [:], 'x' * length)

        then:
        response.statusCode() == status

        where:
        length || status
        10     || 200
        11     || 413
    }

    def "a route's read timeout answers 504 before the pool's default"() {
        when:
        long start = System.nanoTime()
        def response = send('/hang')

        then:
        response.statusCode() == 504
        Duration.ofNanos(System.nanoTime() - start) < Duration.ofSeconds(10)
    }
}
