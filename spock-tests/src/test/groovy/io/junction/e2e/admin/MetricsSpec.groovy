package io.junction.e2e.admin

import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** {@code GET /metrics}: every Junction metric and the JVM's, labelled, read back by a strict parser. */
class MetricsSpec extends Specification {

    @TempDir Path dir
    TestBackend a = new TestBackend('a')
    Junction junction
    AdminClient admin

    def setup() {
        int refused = Junction.refusedPort()
        junction = new Junction(dir, ['web.groovy': """pool('web') {
    backend '$a.url'
}
pool('dead') {
    backend 'http://127.0.0.1:$refused'
}
http('public', port: 0, bind: '127.0.0.1') {
    route(path: '/dead') { forward 'dead' }
    otherwise { forward 'web' }
}
http('other', port: 0, bind: '127.0.0.1') {
    otherwise { forward 'web' }
}
"""])
        admin = new AdminClient(junction)
    }

    def cleanup() {
        admin?.close()
        junction?.close()
        a.close()
    }

    def "the text parses strictly and carries listener, backend and pool labels with the real counts"() {
        given:
        3.times { assert junction.get('/').statusCode() == 200 }
        assert junction.get('/', 'other').statusCode() == 200
        assert junction.get('/dead').statusCode() == 502
        assert admin.send('POST', '/api/reload').statusCode() == 200
        String backendA = "127.0.0.1:$a.port"

        when:
        def response = admin.send('GET', '/metrics')
        def metrics = PrometheusText.parse(response.body())

        then:
        response.statusCode() == 200
        response.headers().firstValue('Content-Type').get().startsWith('text/plain; version=0.0.4')
        metrics.types['junction_listener_requests'] == 'summary'
        metrics.value('junction_listener_requests_count', [listener: 'public']) == 4
        metrics.value('junction_listener_requests_count', [listener: 'other']) == 1
        metrics.value('junction_listener_errors_total', [listener: 'public']) == 1
        metrics.value('junction_listener_errors_total', [listener: 'other']) == 0
        metrics.samples('junction_listener_requests', [listener: 'public'])*.labels*.quantile.containsAll(['0.5', '0.99'])
        metrics.value('junction_backend_requests_count', [backend: backendA]) == 4
        metrics.value('junction_backend_errors_total', [backend: "127.0.0.1:${refusedBackend()}".toString()]) >= 1
        metrics.value('junction_backend_active_requests', [backend: backendA]) == 0
        metrics.value('junction_pool_backend', [pool: 'web', backend: backendA]) == 1
        metrics.value('junction_reloads_succeeded_total', [:]) == 1
        metrics.samples('jvm_memory_used_bytes').size() > 0
    }

    private int refusedBackend() {
        admin.status().pools.find { it.name == 'dead' }.backends[0].address.split(':')[1] as int
    }
}
