package io.junction.e2e

import io.junction.core.model.BackendMode
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Path
import java.time.Duration

/** When a pool's backends fail, resends stay within the pool's retry budget, so failures do not multiply load. */
class RetryBudgetSpec extends Specification {

    static final int REQUESTS = 20

    @TempDir Path dir
    @AutoCleanup('close') Junction junction
    @AutoCleanup('close') BreakingBackend failing = new BreakingBackend(true)
    @AutoCleanup('close') TestBackend spare = new TestBackend('spare')

    def "with a budget of #budget%, #resent of 20 GETs failed at once by their backend are resent"() {
        given: 'every request held at a backend that will fail them all, the spare backend kept out until then'
        junction = new Junction(dir, ['web.groovy': Junction.onePool("""
    backend '$failing.url'
    backend '$spare.url', state: 'maint'
    retries 1, budget: $budget
    eject failures: 0""")])
        def responses = (1..REQUESTS).collect {
            junction.client.sendAsync(HttpRequest.newBuilder(junction.uri('public', '/gate')).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString())
        }
        new PollingConditions(timeout: 10).eventually { assert failing.requests.get() == REQUESTS }
        junction.server.backendMode(spare.url, BackendMode.UP)

        when: 'the backend fails all of them'
        failing.release()

        then: 'the resent ones wait at the spare (they keep their budget share); the others got 502 at once'
        new PollingConditions(timeout: 10).eventually {
            assert responses.count { it.done } == REQUESTS - resent
            assert spare.waiting.get() == resent
        }
        responses.findAll { it.done }*.get()*.statusCode().every { it == 502 }
        failing.requests.get() == REQUESTS

        when:
        spare.openGate()

        then:
        responses*.get()*.statusCode().count { it == 200 } == resent

        where:
        budget || resent
        20     || 4
        50     || 10
        100    || REQUESTS
    }
}
