package io.junction.e2e.hardening

import io.junction.e2e.Junction
import io.junction.e2e.RawHttp
import io.junction.e2e.TestBackend
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.charset.StandardCharsets
import java.nio.file.Path

/**
 * The client-side limits of docs/hardening.md ("Limits"), one row each, with small settings so each is quick to
 * cross: what the client sees, and that the connection is closed (the backend sees nothing of a refused request).
 */
class LimitsSpec extends Specification {

    static final String SCRIPT = '''pool('web') { backend '%s' }
http('public', port: 0, bind: '127.0.0.1') {
    route(path: '/small') { maxBody 10; forward 'web' }
    otherwise { forward 'web' }
}
'''
    static final long QUICK = 2_000

    @TempDir Path dir
    @AutoCleanup('close') TestBackend backend = new TestBackend('web')
    @AutoCleanup('close') Junction junction

    def "#limit (#setting): a request of #bytes bytes gets #status"() {
        given:
        junction = junctionWith(setting ? [(setting.split('=')[0]): setting.split('=')[1]] : [:])

        when:
        def responses = RawHttp.conversation(junction.server.port('public'), request.getBytes(StandardCharsets.ISO_8859_1))

        then: 'a refused request never reaches the backend, and its connection is closed (as every one here asks)'
        responses*.status == [status]
        backend.requests.get() == (status == 200 ? 1 : 0)

        where:
        limit                         | setting                               | request                                         || status
        'request line'                | ''                                    | request("/${'a' * 8178}")                       || 200
        'request line'                | ''                                    | request("/${'a' * 8179}")                       || 414
        'header block size'           | 'junction.http.max-header-size=4096'  | request('/', ["X-Big: ${'a' * 3000}"])          || 200
        'header block size'           | 'junction.http.max-header-size=4096'  | request('/', ["X-Big: ${'a' * 5000}"])          || 431
        'header field count'          | 'junction.http.max-headers=10'        | request('/', (1..8).collect { "X-$it: a" })     || 200
        'header field count'          | 'junction.http.max-headers=10'        | request('/', (1..9).collect { "X-$it: a" })     || 431
        'request body, listener'      | 'junction.http.max-request-body=1000' | request('/', [], 'x' * 1000)                    || 200
        'request body, listener'      | 'junction.http.max-request-body=1000' | request('/', [], 'x' * 1001)                    || 413
        'request body, route maxBody' | ''                                    | request('/small', [], 'x' * 10)                 || 200
        'request body, route maxBody' | ''                                    | request('/small', [], 'x' * 11)                 || 413
        bytes = request.length()
    }

    /** A request asking to close, with Host and Connection among its fields (they count towards field limits). */
    static String request(String target, List<String> fields = [], String body = null) {
        def head = ["Host: a", "Connection: close", *fields]
        if (body != null) {
            head << "Content-Length: ${body.length()}"
        }
        "${body == null ? 'GET' : 'POST'} $target HTTP/1.1\r\n${head.collect { it + '\r\n' }.join()}\r\n${body ?: ''}"
    }

    def "#limit of #millis ms: #what is closed at the deadline"() {
        given:
        junction = junctionWith([(setting): "${millis}ms".toString()])

        when:
        long started = System.nanoTime()
        def responses = RawHttp.conversation(junction.server.port('public'), sent.getBytes(StandardCharsets.ISO_8859_1), (millis + QUICK) as int)
        long took = (System.nanoTime() - started).intdiv(1_000_000)

        then:
        responses*.status == statuses
        took >= millis
        took < millis + QUICK

        where:
        limit                 | setting                        | millis | what                                     | sent                                   || statuses
        'header read deadline' | 'junction.http.header-timeout' | 500    | 'a connection that never ends its head'    | 'GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ' || []
        'keep-alive idle time' | 'junction.http.idle-timeout'   | 500    | 'a keep-alive connection after a response' | 'GET / HTTP/1.1\r\nHost: a\r\n\r\n'     || [200]
    }

    private Junction junctionWith(Map<String, String> settings) {
        new Junction(dir, ['web.groovy': String.format(SCRIPT, backend.url)], settings)
    }
}
