package io.junction.e2e.admin

import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import io.junction.server.admin.ServerBackendControl
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** POST /api/backends/{pool}/{backend}/{command} on a real server: the operator's word reaches the traffic. */
class BackendControlSpec extends Specification {

    @TempDir Path dir
    TestBackend a = new TestBackend('a')
    TestBackend b = new TestBackend('b')
    Junction junction
    AdminClient admin

    def setup() {
        junction = new Junction(dir, ['web.groovy': AdminApiSpec.script(a, b)])
        admin = new AdminClient(junction, '', new ServerBackendControl(junction.server))
    }

    def cleanup() {
        admin?.close()
        junction?.close()
        [a, b]*.close()
    }

    def "#command takes backend a #effect; up brings it back; the status API shows the state"() {
        given:
        def address = "127.0.0.1:$a.port"

        when:
        def response = admin.send('POST', "/api/backends/web/$address/$command")

        then:
        response.statusCode() == 200
        AdminClient.json(response).state == state
        admin.status().pools[0].backends.find { it.address == address }.state == state
        (1..10).collect { junction.get('/').body() } == ['b'] * 10

        when:
        def back = admin.send('POST', "/api/backends/web/$address/up")

        then:
        back.statusCode() == 200
        AdminClient.json(back).state == 'up'
        (1..10).collect { junction.get('/').body() }.toSet() == ['a', 'b'] as Set

        where:
        command || state      | effect
        'drain' || 'draining' | 'out of rotation'
        'maint' || 'maint'    | 'out of rotation'
    }

    def "an unknown pool or backend is 404 naming it"() {
        when:
        def response = admin.send('POST', "/api/backends/$pool/$backend/drain")

        then:
        response.statusCode() == 404
        response.body().contains("pool '$pool' has no backend '$backend'")

        where:
        pool    | backend
        'web'   | '127.0.0.1:1'
        'other' | '127.0.0.1:1'
    }
}
