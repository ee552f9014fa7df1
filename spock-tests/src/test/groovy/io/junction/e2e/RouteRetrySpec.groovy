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

    def "#method#withBody to backends answering #answers, retry tries: #tries, on: #on, perTry: #perTry, resend: #resend: #status after #seen"() {
        given: 'a pool whose backends answer as told, tried in script order'
        def backends = answers.collect { new RecordingBackend(it) }
        recording.addAll(backends)
        junction = junctionFor(backends, "retry tries: $tries, on: ${on.collect { "'$it'" }}, resend: $resend"
                + (perTry ? ", perTry: '$perTry'" : ''))

        when:
        def response = send(method, withBody)

        then: 'a retried answer never reaches the client: the one it gets is the last backend\'s'
        response.statusCode() == status
        backends.collect { it.received.size() } == seen

        where:
        method | withBody | answers                | tries | on                      | perTry  | resend || status | seen
        'GET'  | ''       | ['503', 'ok', 'ok']    | 2     | ['503']                 | null    | false  || 200    | [1, 1, 0]
        'GET'  | ''       | ['503', '503', 'ok']   | 2     | ['503']                 | null    | false  || 503    | [1, 1, 0]
        'GET'  | ''       | ['503', '503', 'ok']   | 3     | ['503']                 | null    | false  || 200    | [1, 1, 1]
        'GET'  | ''       | ['502', '504', 'ok']   | 3     | ['502', '503', '504']   | null    | false  || 200    | [1, 1, 1]
        'GET'  | ''       | ['503', 'ok', 'ok']    | 3     | ['502', '504']          | null    | false  || 503    | [1, 0, 0]
        'GET'  | ''       | ['500', 'ok', 'ok']    | 3     | ['502', '503', '504']   | null    | false  || 500    | [1, 0, 0]
        'POST' | ''       | ['503', 'ok', 'ok']    | 3     | ['503']                 | null    | false  || 503    | [1, 0, 0]
        'POST' | ''       | ['503', 'ok', 'ok']    | 3     | ['503']                 | null    | true   || 200    | [1, 1, 0]
        'POST' | ' body'  | ['503', 'ok', 'ok']    | 3     | ['503']                 | null    | true   || 503    | [1, 0, 0]
        'GET'  | ''       | ['hang', 'ok', 'ok']   | 3     | ['timeout']             | '1s'    | false  || 200    | [1, 1, 0]
        'GET'  | ''       | ['hang', 'hang', 'ok'] | 2     | ['timeout']             | '1s'    | false  || 504    | [1, 1, 0]
        'GET'  | ''       | ['hang', 'ok', 'ok']   | 3     | ['reset']               | '1s'    | false  || 504    | [1, 0, 0]
        'POST' | ''       | ['hang', 'ok', 'ok']   | 3     | ['timeout']             | '1s'    | false  || 504    | [1, 0, 0]
        'PUT'  | ' body'  | ['hang', 'ok', 'ok']   | 3     | ['timeout']             | '1s'    | false  || 504    | [1, 0, 0]
    }

    def "the route's total timeout answers 504 while #what"() {
        given: 'backends that never answer, and tries left when the total timeout passes'
        def backends = ['hang', 'hang', 'hang'].collect { new RecordingBackend(it) }
        recording.addAll(backends)
        junction = junctionFor(backends, "retry tries: 3, on: ['timeout'], perTry: '$perTry'", "timeouts total: '3s'")

        when:
        long start = System.nanoTime()
        def response = send('GET', '')

        then:
        response.statusCode() == 504
        response.body() == "gateway timeout: the route's total timeout passed\n"
        Duration.ofNanos(System.nanoTime() - start) < Duration.ofSeconds(10)
        backends.collect { it.received.size() } == seen

        where:
        what                   | perTry  || seen
        'the first try waits'  | '20s'   || [1, 0, 0]
        'the second try waits' | '2s'    || [1, 1, 0] // 1 s for the second try to reach its backend, 1 s before a third
    }

    List<RecordingBackend> recording = []

    def cleanup() {
        recording*.close()
    }

    private Junction junctionFor(List<RecordingBackend> backends, String retry, String timeouts = '') {
        new Junction(dir, ['web.groovy': """pool('web') {
${backends.collect { "    backend '$it.url'" }.join('\n')}
    eject failures: 0
}
http('public', port: 0, bind: '127.0.0.1') {
    otherwise {
        $retry
        $timeouts
        forward 'web'
    }
}
"""])
    }

    private HttpResponse<String> send(String method, String body) {
        def publisher = body ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody()
        junction.client.send(HttpRequest.newBuilder(junction.uri('public', '/r')).method(method, publisher)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString())
    }
}
