package io.junction.e2e.admin

import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** The admin API end to end: a real Junction, real backends, the admin listener on loopback. */
class AdminApiSpec extends Specification {

    @TempDir Path dir
    TestBackend a = new TestBackend('a')
    TestBackend b = new TestBackend('b')
    Junction junction
    AdminClient admin

    def setup() {
        junction = new Junction(dir, ['web.groovy': script(a, b)])
        admin = new AdminClient(junction)
    }

    def cleanup() {
        admin?.close()
        junction?.close()
        [a, b]*.close()
    }

    static String script(TestBackend... backends) {
        """pool('web') {
${backends.collect { "    backend '$it.url'" }.join('\n')}
}
http('public', port: 0, bind: '127.0.0.1') {
    route(path: '/direct') { respond 418, 'teapot' }
    otherwise { forward 'web' }
}
"""
    }

    def "GET /api/status shows listeners, routes, pools and backends with their counts"() {
        given:
        4.times { assert junction.get('/').statusCode() == 200 }
        junction.get('/direct')

        when:
        def status = admin.status()
        def publicAddress = "127.0.0.1:${junction.server.port('public')}".toString()
        def backendAddresses = ["127.0.0.1:$a.port", "127.0.0.1:$b.port"]*.toString()

        then:
        status.generation == 1
        status.confDir == junction.confDir.toString()
        status.lastReload.succeeded
        status.backendControl == false
        status.listeners*.name == ['public']
        with(status.listeners[0]) {
            address == publicAddress
            routes*.match == ['path /direct', 'otherwise']
            routes*.action == ['respond 418', "forward 'web'"]
            routes[0].location.startsWith('web.groovy:')
            traffic.requests == 5
            traffic.errors == 0
        }
        with(status.pools[0]) {
            name == 'web'
            strategy == 'round-robin'
            backends*.address == backendAddresses
            backends*.traffic*.requests == [2, 2]
            backends*.inFlight == [0, 0]
        }
    }

    def "POST /api/reload reloads and answers the result; a broken script is 422 with file:line and the generation keeps serving"() {
        when:
        junction.write(['web.groovy': script(a)])
        def reloaded = admin.send('POST', '/api/reload')

        then:
        reloaded.statusCode() == 200
        with(AdminClient.json(reloaded)) {
            succeeded
            generation == 2
            errors == []
        }
        admin.status().pools[0].backends*.address == ["127.0.0.1:$a.port".toString()]

        when:
        junction.write(['web.groovy': "pool('web') {\n    backend 'http://nowhere'\n}\n"])
        def refused = admin.send('POST', '/api/reload')

        then:
        refused.statusCode() == 422
        with(AdminClient.json(refused)) {
            !succeeded
            generation == 2
            errors.size() == 1
            errors[0].startsWith('web.groovy:2:')
        }
        with(admin.status()) {
            generation == 2
            !lastReload.succeeded
            lastReload.errors[0].startsWith('web.groovy:2:')
        }
        junction.get('/').body() == 'a'
    }

    def "#method #path is #status, allowing #allowed"() {
        when:
        def response = admin.send(method, path)

        then:
        response.statusCode() == status
        response.headers().firstValue('Allow').orElse(null) == allowed
        AdminClient.json(response).error.contains('not allowed')

        where:
        method | path                                  || status | allowed
        'GET'  | '/api/reload'                         || 405    | 'POST'
        'GET'  | '/api/backends/web/127.0.0.1:1/drain' || 405    | 'POST'
        'PUT'  | '/api/reload'                         || 405    | 'POST'
        'POST' | '/api/status'                         || 405    | 'GET'
        'POST' | '/metrics'                            || 405    | 'GET'
    }

    def "POST /api/backends/web/BACKEND/#command is #status until backend states exist"() {
        when:
        def response = admin.send('POST', "/api/backends/web/127.0.0.1:$a.port/$command")

        then:
        response.statusCode() == status
        AdminClient.json(response).error.contains(message)

        where:
        command  || status | message
        'drain'  || 501    | 'not available'
        'up'     || 501    | 'not available'
        'maint'  || 501    | 'not available'
        'reboot' || 404    | "unknown command 'reboot'"
    }
}
