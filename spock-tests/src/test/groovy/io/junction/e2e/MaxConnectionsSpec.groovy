package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.CompletableFuture

/** A backend takes at most maxConnections requests at once; the rest wait in a bounded queue, or get 503. */
class MaxConnectionsSpec extends Specification {

    static final String NO_ROOM = "service unavailable: every backend of pool 'web' is at its connection limit\n"

    @TempDir Path dir
    @AutoCleanup('close') Junction junction
    @AutoCleanup('close') TestBackend slow = new TestBackend('slow')

    private CompletableFuture<HttpResponse<String>> send(String path) {
        junction.client.sendAsync(HttpRequest.newBuilder(junction.uri('public', path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString())
    }

    private long noRoomCount() {
        junction.server.metrics().meter('junction.pool.web.no-room').count
    }

    def "#how: the backend sees at most 2 requests at once, one more waits and is served when room frees, the next gets 503 at once"() {
        given:
        junction = new Junction(dir, ['web.groovy': Junction.onePool(poolBody.replace('URL', slow.url))])
        def holding = (1..2).collect { send('/gate') }
        new PollingConditions(timeout: 5).eventually { assert slow.waiting.get() == 2 }

        when: 'two more arrive while the backend is full and the queue holds one'
        def extra = (1..2).collect { send('/') }

        then: 'one is refused at once with Retry-After and counted; the other waits; the backend saw only two'
        new PollingConditions(timeout: 5).eventually { assert extra.count { it.done } == 1 }
        def refused = extra.find { it.done }.get()
        def queued = extra.find { !it.done }
        refused.statusCode() == 503
        refused.body() == NO_ROOM
        refused.headers().firstValue('Retry-After').present
        noRoomCount() == 1
        slow.requests.get() == 2

        when: 'the held requests end'
        slow.openGate()

        then: 'the waiting one is served by the backend'
        holding*.get()*.statusCode() == [200, 200]
        with(queued.get()) {
            statusCode() == 200
            body() == 'slow'
        }
        slow.requests.get() == 3

        where:
        how                      | poolBody
        'pool maxConnections'    | "backend 'URL'\n    maxConnections 2, queue: 1, queueTimeout: '30s'"
        'backend maxConnections' | "backend 'URL', maxConnections: 2\n    maxConnections 50, queue: 1, queueTimeout: '30s'"
    }

    def "a request waiting for room longer than queueTimeout gets 503, not before the timeout"() {
        given:
        junction = new Junction(dir, ['web.groovy': Junction.onePool("""
    backend '$slow.url'
    maxConnections 1, queue: 10, queueTimeout: '300ms'""")])
        def holding = send('/gate')
        new PollingConditions(timeout: 5).eventually { assert slow.waiting.get() == 1 }

        when:
        long start = System.nanoTime()
        def response = junction.get('/')
        long waitedMillis = (System.nanoTime() - start).intdiv(1_000_000)

        then:
        response.statusCode() == 503
        response.body() == NO_ROOM
        waitedMillis >= 300
        waitedMillis < 3_000
        noRoomCount() == 1
        slow.requests.get() == 1

        cleanup:
        slow.openGate()
        holding?.get()
    }
}
