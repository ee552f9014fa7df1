package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.charset.StandardCharsets
import java.nio.file.Path

/**
 * What either engine makes of a backend's response bytes (the own engine's, and Undertow's exchanges through the
 * same backend side): framing passed through, interim responses relayed, and anything malformed or ambiguous
 * answered 502 with the backend connection dropped. Reuse is read from the backend's connection count over two
 * requests on one I/O thread.
 */
class BackendResponsesSpec extends Specification {

    static final String BIG = 'x' * 100_000
    static final boolean UNDERTOW = Junction.ENGINE == 'undertow'
    /** Undertow frames a body for its client itself: it writes the chunks again, the size line two digits wide. */
    static final String CHUNKED = (UNDERTOW ? '05' : '5') + '\r\nhello\r\n0\r\nX-T: 1\r\n\r\n'
    /** Undertow sends a 1xx only to a client that asked for 100 Continue (Expect); this one did not. */
    static final List<Integer> CONTINUED = UNDERTOW ? [] : [100]

    @TempDir Path dir
    @AutoCleanup('close') RawBackend backend
    @AutoCleanup('close') Junction junction

    def "#name: the client gets #status, the backend connection #reuse"() {
        given:
        backend = new RawBackend(answer, bytewise, closeAfter)
        junction = new Junction(dir, ['web.groovy': Junction.onePool("backend '$backend.url'")],
                ['junction.io-threads': '1'])

        when:
        def first = exchange(method)
        def second = exchange(method)

        then:
        first.statuses == [*interim, status]
        first.body == body
        second.statuses.last() == status
        backend.connections.get() == (reuse == 'is reused' ? 1 : 2)

        where:
        name                             | answer                                                                    | method | bytewise | closeAfter || interim | status | body  | reuse
        'Content-Length'                 | 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello'                        | 'GET'  | false    | false      || []      | 200    | 'hello' | 'is reused'
        'head split in 1-byte segments'  | 'HTTP/1.1 200 OK\r\nX-A: b\r\nContent-Length: 5\r\n\r\nhello'              | 'GET'  | true     | false      || []      | 200    | 'hello' | 'is reused'
        'chunked with trailers'          | 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n' | 'GET' | false | false || [] | 200 | CHUNKED | 'is reused'
        'bigger than every buffer'       | "HTTP/1.1 200 OK\r\nContent-Length: ${BIG.length()}\r\n\r\n$BIG"          | 'GET'  | false    | false      || []      | 200    | BIG   | 'is reused'
        'close-delimited'                | 'HTTP/1.1 200 OK\r\n\r\nhello'                                             | 'GET'  | false    | true       || []      | 200    | 'hello' | 'is not reused'
        'HEAD with Content-Length'       | 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n'                            | 'HEAD' | false    | false      || []      | 200    | ''    | 'is reused'
        '204 with a stray body'          | 'HTTP/1.1 204 No Content\r\n\r\nstray'                                     | 'GET'  | false    | false      || []      | 204    | ''    | 'is not reused'
        '304 with a stray body'          | 'HTTP/1.1 304 Not Modified\r\n\r\nstray'                                   | 'GET'  | false    | false      || []      | 304    | ''    | 'is not reused'
        '100 Continue before the answer' | 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok' | 'GET' | false  | false      || CONTINUED | 200  | 'ok'  | 'is reused'
        'garbage'                        | 'garbage\r\n\r\n'                                                          | 'GET'  | false    | false      || []      | 502    | null  | 'is not reused'
        'two Content-Lengths'            | 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok'      | 'GET'  | false    | false      || []      | 502    | null  | 'is not reused'
        'Content-Length and chunked'     | 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n' | 'GET' | false | false || [] | 502 | null | 'is not reused'
        'bad chunk size'                 | 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'              | 'GET'  | false    | false      || []      | 502    | null  | 'is not reused'
        'unrequested second response'    | 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok' | 'GET' | false | false || [] | 200 | 'ok' | 'is not reused'
    }

    /** One request on a fresh connection that asks to close; the answer is read to the end of the stream. */
    private Map exchange(String method) {
        new Socket(InetAddress.getLoopbackAddress(), junction.server.port('public')).withCloseable { socket ->
            socket.soTimeout = 30_000
            socket.outputStream.write("$method / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))
            parse(new String(socket.inputStream.readAllBytes(), StandardCharsets.ISO_8859_1))
        }
    }

    /** Status of every head (interim ones first) and the body after the final head; a 502's body is left out. */
    private static Map parse(String text) {
        List<Integer> statuses = []
        String rest = text
        while (true) {
            int end = rest.indexOf('\r\n\r\n')
            assert end > 0: "no complete response head in: $text"
            int status = rest.substring(9, 12) as int
            statuses << status
            rest = rest.substring(end + 4)
            if (status >= 200) {
                return [statuses: statuses, body: status == 502 ? null : rest]
            }
        }
    }
}
