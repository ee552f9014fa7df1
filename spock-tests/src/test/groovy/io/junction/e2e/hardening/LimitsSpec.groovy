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
http('public', port: 0, bind: '127.0.0.1'%s) {
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

    def "listener limits #limits win over #setting: a request of #bytes bytes gets #status"() {
        given:
        junction = junctionWith(setting ? [(setting.split('=')[0]): setting.split('=')[1]] : [:], limits)

        when:
        def responses = RawHttp.conversation(junction.server.port('public'), request.getBytes(StandardCharsets.ISO_8859_1))

        then:
        responses*.status == [status]
        backend.requests.get() == (status == 200 ? 1 : 0)

        where:
        limits                      | setting                               | request                                     || status
        '[maxHeaderSize: 4096]'     | ''                                    | request('/', ["X-Big: ${'a' * 5000}"])      || 431
        '[maxHeaderSize: 16384]'    | 'junction.http.max-header-size=4096'  | request('/', ["X-Big: ${'a' * 5000}"])      || 200
        '[maxHeaders: 10]'          | ''                                    | request('/', (1..9).collect { "X-$it: a" }) || 431
        '[maxHeaders: 50]'          | 'junction.http.max-headers=10'        | request('/', (1..9).collect { "X-$it: a" }) || 200
        "[maxRequestBody: '1k']"    | ''                                    | request('/', [], 'x' * 1025)                || 413
        '[maxRequestBody: 2000]'    | 'junction.http.max-request-body=1000' | request('/', [], 'x' * 1001)                || 200
        bytes = request.length()
    }

    def "at most #max requests per connection (#via): #sent keep-alive requests get #statuses, the last saying Connection: close"() {
        given:
        junction = junctionWith(settings, limits)

        when: 'requests that all ask to keep the connection'
        def responses = RawHttp.conversation(junction.server.port('public'),
                ('GET / HTTP/1.1\r\nHost: a\r\n\r\n' * sent).getBytes(StandardCharsets.ISO_8859_1), QUICK as int)

        then: 'the connection is closed after the last response (the conversation ends only when the server closes it)'
        responses*.status == statuses
        responses.collect { it.header('connection') == 'close' } == [false] * (sent - 1) + [true]
        backend.requests.get() == sent

        where:
        max | via                                                 | settings                                          | limits                               | sent || statuses
        1   | 'junction.http.max-requests-per-connection'         | ['junction.http.max-requests-per-connection': '1'] | null                                 | 1    || [200]
        2   | 'junction.http.max-requests-per-connection'         | ['junction.http.max-requests-per-connection': '2'] | null                                 | 2    || [200, 200]
        3   | 'limits: [maxRequestsPerConnection: 3] over setting 1' | ['junction.http.max-requests-per-connection': '1'] | '[maxRequestsPerConnection: 3]'      | 3    || [200, 200, 200]
    }

    /** A request asking to close, with Host and Connection among its fields (they count towards field limits). */
    static String request(String target, List<String> fields = [], String body = null) {
        def head = ["Host: a", "Connection: close", *fields]
        if (body != null) {
            head << "Content-Length: ${body.length()}"
        }
        "${body == null ? 'GET' : 'POST'} $target HTTP/1.1\r\n${head.collect { it + '\r\n' }.join()}\r\n${body ?: ''}"
    }

    def "#limit of #millis ms (#setting#limits): #what is closed at the deadline"() {
        given: 'the limit as a setting, or as the listener\'s own over a setting of a minute'
        junction = junctionWith([(setting): limits ? '1m' : "${millis}ms".toString()], limits)

        when:
        long started = System.nanoTime()
        def responses = RawHttp.conversation(junction.server.port('public'), sent.getBytes(StandardCharsets.ISO_8859_1), (millis + QUICK) as int)
        long took = (System.nanoTime() - started).intdiv(1_000_000)

        then: 'the own engine tells a late head 408 before it closes; Undertow closes without a word'
        responses*.status - 408 == statuses
        took >= millis
        took < millis + QUICK

        where:
        limit                  | setting                        | limits                       | millis | what                                       | sent                                      || statuses
        'header read deadline' | 'junction.http.header-timeout' | null                         | 500    | 'a connection that never ends its head'    | 'GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ' || []
        'keep-alive idle time' | 'junction.http.idle-timeout'   | null                         | 500    | 'a keep-alive connection after a response' | 'GET / HTTP/1.1\r\nHost: a\r\n\r\n'   || [200]
        'header read deadline' | 'junction.http.header-timeout' | "[headerTimeout: '500ms']"   | 500    | 'a connection that never ends its head'    | 'GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ' || []
        'keep-alive idle time' | 'junction.http.idle-timeout'   | "[idleTimeout: '500ms']"     | 500    | 'a keep-alive connection after a response' | 'GET / HTTP/1.1\r\nHost: a\r\n\r\n'   || [200]
    }

    /** @param limits the listener's {@code limits:} option, or null for none */
    private Junction junctionWith(Map<String, String> settings, String limits = null) {
        new Junction(dir, ['web.groovy': String.format(SCRIPT, backend.url, limits ? ", limits: $limits" : '')], settings)
    }
}
