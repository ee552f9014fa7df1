package io.junction.e2e.hardening

import io.junction.e2e.Junction
import io.junction.e2e.RawHttp
import io.junction.e2e.RecordingBackend
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.charset.StandardCharsets
import java.nio.file.Path
import java.util.concurrent.atomic.AtomicInteger

/**
 * Raw request bytes against a listener in front of a backend that records what it reads: a
 * well-formed request reaches the backend and the connection stays usable; anything a backend could
 * frame differently from Junction (request smuggling, RFC 9112 and research/reliability.md A) is
 * answered by Junction itself, never reaches the backend, and closes the connection.
 */
class StrictFramingSpec extends Specification {

    /** Sent after a request the connection should survive: its answer proves the connection still frames right. */
    static final String PROBE = 'GET /probe HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'
    static final AtomicInteger CASES = new AtomicInteger()

    @Shared @TempDir Path dir
    @Shared @AutoCleanup('close') RecordingBackend backend = new RecordingBackend()
    @Shared @AutoCleanup('close') Junction junction

    def setupSpec() {
        junction = new Junction(dir, ['web.groovy': script()])
    }

    /** The listener 'public' in front of the recording backend. */
    String script() {
        Junction.onePool("backend '$backend.url'")
    }

    /** A new client connection to 'public'. */
    Socket connect() {
        new Socket(InetAddress.loopbackAddress, junction.server.port('public'))
    }

    /** Head lines joined by CRLF and ended by an empty line; a line may carry any bytes of its own. */
    static String head(String... lines) {
        lines.join('\r\n') + '\r\n\r\n'
    }

    /** What one client connection got, and the requests the backend read that carry this case's mark. */
    private static class Outcome {
        List<RawHttp.Response> responses
        List<String> seen

        List<RawHttp.Response> getFromBackend() { responses.findAll { it.body.startsWith('backend ') } }
    }

    /**
     * Sends {@code request} with a field {@code X-Case} added as its last field line (so a late
     * request of an earlier case is never counted for this one) and reads until the server closes.
     */
    private Outcome send(String request) {
        String mark = "X-Case: ${CASES.incrementAndGet()}\r\n"
        String marked = request.replaceFirst('\r\n\r\n', "\r\n$mark\r\n")
        def responses = RawHttp.conversation(connect(), marked.getBytes(StandardCharsets.ISO_8859_1))
        new Outcome(responses: responses, seen: backend.received.findAll { it.contains(mark) })
    }

    def "#name: #status, closes: #closes, the backend reads only what Junction answered"() {
        when:
        def outcome = send(request + (closes ? '' : PROBE))

        then: 'the first answer, and the probe answered on the same connection unless it closes'
        outcome.responses[0].status == status
        outcome.responses.size() == (closes ? 1 : 2)
        closes || outcome.responses[1].body.startsWith('backend ')

        and: 'every request the backend read got its own answer; a refused one never reached it'
        outcome.seen.size() == (status == 200 ? 1 : 0)
        outcome.fromBackend.size() == (closes ? 0 : 1) + outcome.seen.size()

        where:
        name                                  | request                                                                                   || status | closes
        // well-formed requests pass and keep the connection
        'plain GET'                           | head('GET / HTTP/1.1', 'Host: a')                                                          || 200    | false
        'GET with Content-Length 0'           | head('GET / HTTP/1.1', 'Host: a', 'Content-Length: 0')                                     || 200    | false
        'POST with Content-Length'            | head('POST / HTTP/1.1', 'Host: a', 'Content-Length: 5') + 'hello'                          || 200    | false
        'POST chunked'                        | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + '5\r\nhello\r\n0\r\n\r\n' || 200 | false
        'chunked spelled in capitals'         | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: CHUNKED') + '5\r\nhello\r\n0\r\n\r\n' || 200 | false
        'chunked after a tab (OWS)'           | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding:\tchunked') + '5\r\nhello\r\n0\r\n\r\n' || 200 | false
        'chunk extension'                     | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + '5;a=b\r\nhello\r\n0\r\n\r\n' || 200 | false
        'chunk extension, quoted'             | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + '5;a="b c"\r\nhello\r\n0\r\n\r\n' || 200 | false
        'chunk size in capitals'              | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + 'A\r\nhellohello\r\n0\r\n\r\n' || 200 | false
        'chunked with a trailer'              | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + '5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n' || 200 | false
        'Host with a port'                    | head('GET / HTTP/1.1', 'Host: a:8080')                                                     || 200    | false
        'absolute form with the same Host'    | head('GET http://a/ HTTP/1.1', 'Host: a')                                                  || 200    | false
        'Content-Length with OWS around it'   | head('POST / HTTP/1.1', 'Host: a', 'Content-Length:  5 ') + 'hello'                        || 200    | false
        'HTTP/1.0 without Host'               | head('GET / HTTP/1.0')                                                                     || 200    | true
        // Content-Length next to Transfer-Encoding
        'CL then TE'                          | head('POST / HTTP/1.1', 'Host: a', 'Content-Length: 5', 'Transfer-Encoding: chunked') + '0\r\n\r\n' || 400 | true
        'TE then CL'                          | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked', 'Content-Length: 5') + '0\r\n\r\n' || 400 | true
        'TE chunked and CL 0, smuggled GET'   | head('POST / HTTP/1.1', 'Host: a', 'Content-Length: 0', 'Transfer-Encoding: chunked') + '0\r\n\r\n' + head('GET /smuggled HTTP/1.1', 'Host: a') || 400 | true
        // Content-Length values
        'duplicate equal CL'                  | head('POST / HTTP/1.1', 'Host: a', 'Content-Length: 5', 'Content-Length: 5') + 'hello'     || 400    | true
        'duplicate different CL'              | head('POST / HTTP/1.1', 'Host: a', 'Content-Length: 5', 'Content-Length: 0') + 'hello'     || 400    | true
        'CL list'                             | head('POST / HTTP/1.1', 'Host: a', 'Content-Length: 5, 5') + 'hello'                       || 400    | true
        'CL trailing comma'                   | head('POST / HTTP/1.1', 'Host: a', 'Content-Length: 0,')                                   || 400    | true
        'CL signed plus'                      | head('POST / HTTP/1.1', 'Host: a', 'Content-Length: +5') + 'hello'                         || 400    | true
        'CL negative'                         | head('POST / HTTP/1.1', 'Host: a', 'Content-Length: -1')                                   || 400    | true
        'CL hex'                              | head('POST / HTTP/1.1', 'Host: a', 'Content-Length: 0x5') + 'hello'                        || 400    | true
        'CL with a space inside'              | head('POST / HTTP/1.1', 'Host: a', 'Content-Length: 1 0') + 'hellohello'                   || 400    | true
        'CL empty'                            | head('POST / HTTP/1.1', 'Host: a', 'Content-Length:')                                      || 400    | true
        'CL overflowing a long'               | head('POST / HTTP/1.1', 'Host: a', 'Content-Length: 99999999999999999999')                 || 400    | true
        'CL decimal point'                    | head('POST / HTTP/1.1', 'Host: a', 'Content-Length: 5.0') + 'hello'                        || 400    | true
        'space before the colon of CL'        | head('POST / HTTP/1.1', 'Host: a', 'Content-Length : 5') + 'hello'                         || 400    | true
        'underscore alias of CL'              | head('POST / HTTP/1.1', 'Host: a', 'Content_Length: 5') + 'hello'                          || 400    | true
        // Transfer-Encoding values
        'TE chunked twice in a list'          | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked, chunked') + '0\r\n\r\n'    || 400    | true
        'TE chunked on two lines'             | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked', 'Transfer-Encoding: chunked') + '0\r\n\r\n' || 400 | true
        'TE list ending in chunked'           | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: gzip, chunked') + '0\r\n\r\n'       || 400    | true
        'TE list not ending in chunked'       | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked, gzip') + '0\r\n\r\n'       || 400    | true
        'TE unknown coding'                   | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: gzip') + '0\r\n\r\n'                || 501    | true
        'TE identity'                         | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: identity') + '0\r\n\r\n'            || 501    | true
        'TE xchunked'                         | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: xchunked') + '0\r\n\r\n'            || 501    | true
        'TE with a parameter'                 | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked;q=1') + '0\r\n\r\n'         || 400    | true
        'TE after a vertical tab'             | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding:\u000bchunked') + '0\r\n\r\n'        || 400    | true
        'TE empty'                            | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding:', 'Content-Length: 5') + 'hello'    || 400    | true
        'space before the colon of TE'        | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding : chunked') + '0\r\n\r\n'            || 400    | true
        'underscore alias of TE'              | head('POST / HTTP/1.1', 'Host: a', 'Transfer_Encoding: chunked') + '0\r\n\r\n'             || 400    | true
        'HTTP/1.0 with TE'                    | head('POST / HTTP/1.0', 'Transfer-Encoding: chunked') + '0\r\n\r\n'                        || 400    | true
        // field lines
        'space inside a field name'           | head('GET / HTTP/1.1', 'Host: a', 'X Y: 1')                                                || 400    | true
        'control byte in a field name'        | head('GET / HTTP/1.1', 'Host: a', 'X-\u0001: 1')                                           || 400    | true
        'byte 0xE9 in a field name'           | head('GET / HTTP/1.1', 'Host: a', 'X-\u00e9: 1')                                           || 400    | true
        'underscore in another field name'    | head('GET / HTTP/1.1', 'Host: a', 'X_Custom: 1')                                           || 400    | true
        'empty field name'                    | head('GET / HTTP/1.1', 'Host: a', ': 1')                                                   || 400    | true
        'field line without a colon'          | head('GET / HTTP/1.1', 'Host: a', 'X-Custom')                                              || 400    | true
        'NUL in a field value'                | head('GET / HTTP/1.1', 'Host: a', 'X-Custom: a\u0000b')                                    || 400    | true
        'whitespace before the first field'   | head('GET / HTTP/1.1', ' Host: a')                                                         || 400    | true
        'bare LF line endings'                | 'GET / HTTP/1.1\nHost: a\n\n'                                                              || 400    | true
        'bare LF after one field'             | 'GET / HTTP/1.1\r\nHost: a\nX-Custom: 1\r\n\r\n'                                           || 400    | true
        'bare CR inside a value'              | head('GET / HTTP/1.1', 'Host: a', 'X-Custom: a\rb')                                        || 400    | true
        'bare CR ending a field'              | 'GET / HTTP/1.1\r\nHost: a\rX-Custom: 1\r\n\r\n'                                           || 400    | true
        // Host and request target
        'HTTP/1.1 without Host'               | head('GET / HTTP/1.1')                                                                     || 400    | true
        'two Host fields'                     | head('GET / HTTP/1.1', 'Host: a', 'Host: b')                                               || 400    | true
        'Host with a space'                   | head('GET / HTTP/1.1', 'Host: a b')                                                        || 400    | true
        'absolute form, another Host'         | head('GET http://b/ HTTP/1.1', 'Host: a')                                                  || 400    | true
        'target without a slash'              | head('GET admin HTTP/1.1', 'Host: a')                                                      || 400    | true
        'asterisk target on GET'              | head('GET * HTTP/1.1', 'Host: a')                                                          || 400    | true
        'NUL in the target'                   | head('GET /a\u0000b HTTP/1.1', 'Host: a')                                                  || 400    | true
        // request line and version
        'HTTP/0.9'                            | 'GET /\r\n\r\n'                                                                            || 400    | true
        'HTTP/2.0 in an HTTP/1 request line'  | head('GET / HTTP/2.0', 'Host: a')                                                          || 505    | true
        'lower-case version'                  | head('GET / http/1.1', 'Host: a')                                                          || 400    | true
        'version without a dot'               | head('GET / HTTP/11', 'Host: a')                                                           || 400    | true
        'method not a token'                  | head('G(T / HTTP/1.1', 'Host: a')                                                          || 400    | true
        'two spaces in the request line'      | head('GET  / HTTP/1.1', 'Host: a')                                                         || 400    | true
        'tab in the request line'             | head('GET\t/ HTTP/1.1', 'Host: a')                                                         || 400    | true
    }

    /**
     * The strict check holds each pipelined head on its own: one accepted before it does not let the next one pass.
     * (Heads Undertow's own parser refuses are left out: over TLS it answers them before the first response.)
     */
    def "#name after a well-formed request on one connection: that one reaches the backend, this one is refused"() {
        when:
        def outcome = send(head('GET /first HTTP/1.1', 'Host: a') + request)

        then:
        outcome.responses*.status == [200, 400]
        outcome.responses[0].body.startsWith('backend ')
        outcome.seen.size() == 1

        where:
        name                                  | request
        'underscore in another field name'    | head('GET / HTTP/1.1', 'Host: a', 'X_Custom: 1')
        'two Host fields'                     | head('GET / HTTP/1.1', 'Host: a', 'Host: b')
        'duplicate equal CL'                  | head('POST / HTTP/1.1', 'Host: a', 'Content-Length: 5', 'Content-Length: 5') + 'hello'
    }

    /** RFC 9112 5.2 lets a server refuse obs-fold (the own engine) or replace it with SP (Undertow's parser). */
    def "#name: refused, or unfolded before the backend sees it"() {
        when:
        def outcome = send(request + PROBE)
        int first = outcome.responses[0].status

        then: 'refused and closed, or forwarded and the connection kept'
        first in [200, 400]
        outcome.responses.size() == (first == 200 ? 2 : 1)
        outcome.seen.size() == (first == 200 ? 1 : 0)
        outcome.seen.every { received -> !received.split('\r\n').any { it.startsWith(' ') || it.startsWith('\t') } }

        where:
        name                                  | request
        'obs-fold into TE'                    | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding:', ' chunked') + '0\r\n\r\n'
        'obs-fold'                            | head('GET / HTTP/1.1', 'Host: a', 'X-Custom: a', ' b')
    }

    def "a client sending broken chunked bodies cannot make the backend look broken"() {
        when: 'more broken bodies than the failures in a row that eject a backend'
        6.times {
            send(head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + 'zz\r\nhello\r\n0\r\n\r\n')
        }

        then: 'a well-formed request still reaches it'
        send(head('GET / HTTP/1.1', 'Host: a', 'Connection: close')).responses*.status == [200]
    }

    /** Undertow 2.4.4's parser turns these into HTTP/1.1: its engine refuses them from the raw bytes (docs/hardening.md). */
    def "#version in an HTTP/1 request line: 505, never reaches the backend"() {
        when:
        def outcome = send(head("GET / $version", 'Host: a'))

        then:
        outcome.responses*.status == [505]
        outcome.seen.empty

        where:
        version << ['HTTP/3.0', 'HTTP/1.2', 'HTTP/9.9']
    }

    /** Both engines scan a chunked body before passing it on (Undertow's own decoder is lenient: docs/hardening.md). */
    def "#name: 400, the connection closes, no complete request reaches the backend"() {
        when:
        def outcome = send(request)

        then:
        outcome.responses*.status == [400]
        outcome.seen.empty

        where:
        name                                  | request
        'chunk size not hex'                  | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + 'zz\r\nhello\r\n0\r\n\r\n'
        'chunk size signed'                   | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + '-5\r\nhello\r\n0\r\n\r\n'
        'chunk size 0x prefix'                | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + '0x5\r\nhello\r\n0\r\n\r\n'
        'chunk size overflowing a long'       | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + '10000000000000005\r\nhello\r\n0\r\n\r\n'
        'chunk size after a space'            | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + ' 5\r\nhello\r\n0\r\n\r\n'
        'chunk size line ending in bare LF'   | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + '5\nhello\r\n0\r\n\r\n'
        'chunk extension ending in bare LF'   | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + '5;a=b\nhello\r\n0\r\n\r\n'
        'chunk extension without a name'      | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + '5;=b\r\nhello\r\n0\r\n\r\n'
        'chunk extension with bare CR'        | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + '5;a\rb\r\nhello\r\n0\r\n\r\n'
        'chunk data longer than its size'     | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + '3\r\nhello\r\n0\r\n\r\n'
        'empty chunk size line'               | head('POST / HTTP/1.1', 'Host: a', 'Transfer-Encoding: chunked') + '\r\nhello\r\n0\r\n\r\n'
    }
}
