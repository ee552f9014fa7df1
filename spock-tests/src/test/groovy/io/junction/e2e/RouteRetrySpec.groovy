package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Path
import java.time.Duration

/** A route's own retry policy replaces its pool's: how many backends a request may try, and whether a POST is resent. */
class RouteRetrySpec extends Specification {

    static final int REQUESTS = 4

    @TempDir Path dir
    @AutoCleanup('close') Junction junction
    @AutoCleanup('close') BreakingBackend breaking = new BreakingBackend()
    @AutoCleanup('close') TestBackend spare = new TestBackend('spare')

    def "#method beside a #failing backend with retry tries: #tries, resend: #resend: every request answered 200 is #allAnswered"() {
        given: 'a pool that never resends and a route whose retry replaces that'
        def first = failing == 'breaking' ? breaking.url : "http://127.0.0.1:${Junction.refusedPort()}"
        junction = new Junction(dir, ['web.groovy': """pool('web') {
    backend '$first'
    backend '$spare.url'
    eject failures: 0
}
http('public', port: 0, bind: '127.0.0.1') {
    otherwise {
        retry tries: $tries, resend: $resend
        forward 'web'
    }
}
"""])

        when: 'round-robin sends some of them to the failing backend first'
        def statuses = (1..REQUESTS).collect {
            junction.client.send(HttpRequest.newBuilder(junction.uri('public', '/r'))
                    .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()
        }

        then:
        statuses.every { it == 200 } == allAnswered
        statuses.every { it in [200, 502] }

        where:
        method | failing    | tries | resend || allAnswered
        'GET'  | 'breaking' | 2     | false  || true
        'GET'  | 'breaking' | 1     | false  || false
        'POST' | 'breaking' | 2     | false  || false
        'POST' | 'breaking' | 2     | true   || true
        'GET'  | 'refused'  | 2     | false  || true
        'GET'  | 'refused'  | 1     | false  || false
    }
}
