package io.junction.e2e.hardening

import io.junction.e2e.Junction
import io.junction.e2e.RawHttp
import io.junction.e2e.TestBackend
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.charset.StandardCharsets
import java.nio.file.Path

/**
 * The two gaps of docs/hardening.md ("Limits") a client can open in the middle of an exchange: a request body that
 * stops arriving (body read gap: 408, closed) and a response the client stops reading (response write gap: closed).
 * Neither is the backend's fault: a backend that one failure would eject stays in, and its request is let go.
 */
class ClientGapsSpec extends Specification {

    static final String SCRIPT = '''pool('web') {
    backend '%s'
    eject failures: 1, time: '1m'
}
http('public', port: 0, bind: '127.0.0.1'%s) {
    otherwise { forward 'web' }
}
'''
    /** Slack on top of a gap before a spec gives up: every other timeout here is a minute. */
    static final int SLACK = 15_000

    @TempDir Path dir
    @AutoCleanup('close') TestBackend backend = new TestBackend('web')
    @AutoCleanup('close') Junction junction

    def "body read gap of #millis ms (#via, #kind listener): a body that stops after #sent gets 408 and the connection closes, not before the gap"() {
        given:
        junction = junctionWith(settings, limits, kind)
        def state = junction.server.backend(backend.url).get()
        byte[] request = "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n$sent".getBytes(StandardCharsets.ISO_8859_1)

        when: 'the clock starts before Junction can have read the last byte'
        long started = System.nanoTime()
        def responses = RawHttp.conversation(junction.server.port('public'), request, millis + SLACK)
        long took = (System.nanoTime() - started).intdiv(1_000_000)

        then:
        responses*.status == [408]
        took >= millis
        took < millis + SLACK
        bodyReadGaps() == 1

        and: 'the backend had the head; its request is let go, and it is no failure of the backend'
        backend.requests.get() == 1
        new PollingConditions(timeout: 10).eventually { assert state.activeRequests() == 0 }
        state.ejection().ejectionsInRow() == 0
        junction.get('/').body() == 'web'

        where:
        millis | via                                | settings                                   | limits                     | sent          | kind
        500    | 'junction.http.body-read-gap'      | ['junction.http.body-read-gap': '500ms']   | null                       | 'first bytes' | 'http'
        500    | "limits: [bodyReadGap: '500ms']"   | [:]                                        | "[bodyReadGap: '500ms']"   | 'first bytes' | 'http'
        800    | 'over a setting of a minute'       | ['junction.http.body-read-gap': '1m']      | "[bodyReadGap: '800ms']"   | 'x'           | 'http'
        500    | 'junction.http.body-read-gap'      | ['junction.http.body-read-gap': '500ms']   | null                       | 'first bytes' | 'h2c'
    }

    def "a body that keeps coming, a piece every #pause ms for longer than the gap of #millis ms, is forwarded whole"() {
        given:
        junction = junctionWith([:], "[bodyReadGap: '${millis}ms']")
        String body = 'x' * pieces

        when: 'the pauses are pacing, an order of magnitude below the gap'
        def response = new Socket(InetAddress.loopbackAddress, junction.server.port('public')).withCloseable { socket ->
            socket.soTimeout = SLACK
            socket.outputStream.write("POST /echo HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Length: $pieces\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1))
            body.each { piece ->
                socket.outputStream.write(piece.getBytes(StandardCharsets.ISO_8859_1))
                socket.outputStream.flush()
                Thread.sleep(pause)
            }
            new String(socket.inputStream.readAllBytes(), StandardCharsets.ISO_8859_1)
        }

        then:
        response.startsWith('HTTP/1.1 200')
        response.contains("body-length: $pieces")
        bodyReadGaps() == 0

        where:
        millis | pause | pieces
        2000   | 150   | 20
    }

    def "response write gap of #millis ms (#via, #kind listener): a client that never reads a big response is closed after the gap, and the backend let go"() {
        given:
        junction = junctionWith(settings, limits, kind)
        def state = junction.server.backend(backend.url).get()
        def socket = new Socket()
        // a small window, so that Junction's writes stall soon
        socket.receiveBufferSize = 4096
        socket.connect(new InetSocketAddress(InetAddress.loopbackAddress, junction.server.port('public')))

        when: 'the clock starts before Junction can have written a byte'
        long started = System.nanoTime()
        socket.outputStream.write("GET /bytes?n=${256 << 20} HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))
        socket.outputStream.flush()
        new PollingConditions(timeout: (millis + SLACK) / 1000, delay: 0.05).eventually { assert responseWriteGaps() == 1 }
        long took = (System.nanoTime() - started).intdiv(1_000_000)

        then: 'counted no earlier than the gap after the request was sent'
        took >= millis

        and: 'the connection ends before the response did, and the backend request is over: no failure of the backend'
        drained(socket) < (256 << 20)
        new PollingConditions(timeout: 10).eventually { assert state.activeRequests() == 0 }
        state.ejection().ejectionsInRow() == 0
        junction.get('/').body() == 'web'

        cleanup:
        socket?.close()

        where:
        millis | via                                     | settings                                        | limits                        | kind
        500    | 'junction.http.response-write-gap'      | ['junction.http.response-write-gap': '500ms']   | null                          | 'http'
        700    | "limits: [responseWriteGap: '700ms']"   | ['junction.http.response-write-gap': '1m']      | "[responseWriteGap: '700ms']" | 'http'
        700    | "limits: [responseWriteGap: '700ms']"   | ['junction.http.response-write-gap': '1m']      | "[responseWriteGap: '700ms']" | 'h2c'
    }

    /** Reads what is left until the server's close (a reset counts) and returns how many bytes came. */
    private static long drained(Socket socket) {
        socket.soTimeout = SLACK
        long total = 0
        byte[] buffer = new byte[1 << 16]
        try {
            for (int n; (n = socket.inputStream.read(buffer)) >= 0; ) {
                total += n
            }
        } catch (SocketException reset) {
            // closed with bytes unsent: closed all the same
        }
        total
    }

    private long bodyReadGaps() {
        junction.server.metrics().counter('junction.listener.public.body-read-gaps').count
    }

    private long responseWriteGaps() {
        junction.server.metrics().counter('junction.listener.public.response-write-gaps').count
    }

    /**
     * @param limits the listener's {@code limits:} option, or null for none
     * @param kind   'h2c' for a listener that also takes HTTP/2 in cleartext (HTTP/1.1 is what goes through it here)
     */
    private Junction junctionWith(Map<String, String> settings, String limits, String kind = 'http') {
        String options = (kind == 'h2c' ? ', h2c: true' : '') + (limits ? ", limits: $limits" : '')
        new Junction(dir, ['web.groovy': String.format(SCRIPT, backend.url, options)], settings)
    }
}
