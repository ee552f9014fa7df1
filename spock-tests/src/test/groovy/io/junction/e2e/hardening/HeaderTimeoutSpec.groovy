package io.junction.e2e.hardening

import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.charset.StandardCharsets
import java.nio.file.Path

/**
 * A client that starts a request head and does not finish it within {@code junction.http.header-timeout}. The own
 * engine answers 408 and closes, so a client that is merely slow learns why; Undertow closes without an answer
 * (its request-parse timeout). Either way nothing reaches the backend.
 */
class HeaderTimeoutSpec extends Specification {

    static final long HEADER_TIMEOUT_MS = 1_000
    /** What each engine sends before closing. */
    static final Map<String, String> ANSWER = [own: 'HTTP/1.1 408 Request Timeout\r\n', undertow: '']

    @TempDir Path dir
    @AutoCleanup('close') TestBackend backend = new TestBackend('web')
    @AutoCleanup('close') Junction junction

    def "an unfinished request head is answered as the #engine engine does at the header deadline, then closed"() {
        given:
        junction = new Junction(dir, ['web.groovy': Junction.onePool("backend '$backend.url'")],
                ['junction.http.header-timeout': "${HEADER_TIMEOUT_MS}ms".toString()])
        // before connecting: Undertow starts the deadline at accept, the own engine at the first byte of the head
        long connectingAt = System.nanoTime()
        def socket = new Socket(InetAddress.loopbackAddress, junction.server.port('public'))
        socket.soTimeout = 10_000

        when:
        socket.outputStream.write('GET / HTTP/1.1\r\nHost: a\r\nX-Half'.getBytes(StandardCharsets.ISO_8859_1))
        String received = socket.withCloseable { new String(it.inputStream.readAllBytes(), StandardCharsets.ISO_8859_1) }
        long closedAfter = (System.nanoTime() - connectingAt).intdiv(1_000_000)

        then:
        received.startsWith(ANSWER[engine])
        received.isEmpty() == ANSWER[engine].isEmpty()
        closedAfter >= HEADER_TIMEOUT_MS - 100
        closedAfter < HEADER_TIMEOUT_MS + 5_000
        backend.requests.get() == 0

        where:
        engine << [Junction.ENGINE]
    }
}
