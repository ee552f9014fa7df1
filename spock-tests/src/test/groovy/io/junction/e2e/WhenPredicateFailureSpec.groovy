package io.junction.e2e

import io.junction.e2e.admin.AdminClient
import io.junction.e2e.admin.PrometheusText
import io.junction.server.testing.LogCapture
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path

/** A {@code when} predicate that throws: the next route serves the request, the failure is counted and logged sparingly. */
class WhenPredicateFailureSpec extends Specification {

    @TempDir Path dir
    TestBackend tenants = new TestBackend('tenants')
    TestBackend web = new TestBackend('web')
    @AutoCleanup LogCapture log = LogCapture.of('io.junction.server.logging.PredicateFailureLog')

    def cleanup() {
        tenants.close()
        web.close()
    }

    def "#requests requests past a throwing predicate reach the next route, are counted, and log at most a line a second"() {
        given:
        def junction = new Junction(dir, ['when.groovy': """pool('tenants') {
    backend '$tenants.url'
}
pool('web') {
    backend '$web.url'
}
http('public', port: 0, bind: '127.0.0.1') {
    route(when: { request -> throw new IllegalStateException('no tenant in ' + request.path()) }) { forward 'tenants' }
    route(path: '/') { forward 'web' }
}
"""])
        def admin = new AdminClient(junction)

        when:
        long started = System.nanoTime()
        def bodies = (1..requests).collect { junction.get('/shop').body() }
        long seconds = (System.nanoTime() - started).intdiv(1_000_000_000L)

        then:
        bodies.every { it == 'web' }
        tenants.requests.get() == 0
        PrometheusText.parse(admin.send('GET', '/metrics').body())
                .value('junction_route_predicate_failures_total', [route: 'when.groovy:8']) == requests
        new PollingConditions(timeout: 5).eventually {
            assert log.lines[0] == 'route at when.groovy:8: its when predicate threw (no tenant in /shop); the route did not match'
        }
        log.lines.size() <= 1 + seconds

        cleanup:
        admin?.close()
        junction?.close()

        where:
        requests || _
        20       || _
    }
}
