package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path
import java.util.concurrent.CompletableFuture

/**
 * A graceful stop ({@code drainAndClose}, what SIGTERM runs) and a reload that removes a listener, in process on
 * the engine under test: connections that are not inside a request (never used, or kept alive between requests)
 * are closed at once, a request in flight finishes, and a WebSocket gets the drain timeout before it is closed.
 */
class DrainSpec extends Specification {

    static final int LONG_DRAIN_S = 60

    @TempDir Path dir
    @AutoCleanup('close') Junction junction
    @AutoCleanup('close') TestBackend a = new TestBackend('a')
    @AutoCleanup('close') WebSocketEchoBackend echo = new WebSocketEchoBackend('e')
    List<Closeable> clients = []
    def eventually = new PollingConditions(timeout: 30, delay: 0.02)

    def cleanup() {
        clients*.close()
    }

    private void start(String backendUrl, int drainSeconds) {
        junction = new Junction(dir, ['web.groovy': Junction.onePool("backend '$backendUrl'")],
                ['junction.drain.timeout': "${drainSeconds}s".toString()])
    }

    /** A connection that never sends a byte; a read on it gives up after 10 s. */
    private Socket silent() {
        def socket = new Socket(InetAddress.loopbackAddress, junction.server.port('public'))
        socket.soTimeout = 10_000
        clients << socket
        socket
    }

    /** A connection that had one exchange and is kept alive. */
    private Socket keptAlive() {
        def socket = silent()
        socket.outputStream.write('GET / HTTP/1.1\r\nHost: a\r\n\r\n'.bytes)
        def head = new StringBuilder()
        while (!head.toString().endsWith('\r\n\r\n')) {
            head.append((char) socket.inputStream.read())
        }
        int length = (head.toString() =~ /(?i)content-length: *(\d+)/)[0][1] as int
        assert new String(socket.inputStream.readNBytes(length)) == 'a'
        socket
    }

    /** A request to /gate in flight at the backend; its answer's body when the gate opens. */
    private CompletableFuture<String> inFlight() {
        def answer = CompletableFuture.supplyAsync { junction.get('/gate').body() }
        eventually.eventually { assert a.waiting.get() == 1 }
        answer
    }

    /** Both reads end with EOF (-1) well before the drain timeout, not with the 10 s read timeout. */
    private static boolean closedAtOnce(Socket... sockets) {
        sockets.every { it.inputStream.read() == -1 }
    }

    def "a drain closes a connection that never sent a request and an idle kept-alive one at once; the request in flight finishes"() {
        given:
        start(a.url, LONG_DRAIN_S)
        def never = silent()
        def idle = keptAlive()
        def answer = inFlight()

        when:
        def drained = CompletableFuture.supplyAsync { junction.server.drainAndClose() }

        then:
        closedAtOnce(never, idle)
        !drained.done
        a.waiting.get() == 1

        when:
        a.openGate()

        then:
        answer.get() == 'a'
        drained.get()
    }

    def "a reload that removes a listener closes its unused and idle connections at once; the request in flight finishes"() {
        given:
        start(a.url, LONG_DRAIN_S)
        def never = silent()
        def idle = keptAlive()
        def answer = inFlight()

        when:
        def reloaded = junction.reload(['web.groovy': "pool('web') {\n    backend '$a.url'\n}\n" +
                "http('other', port: 0, bind: '127.0.0.1') {\n    otherwise { forward 'web' }\n}\n"])

        then:
        reloaded.succeeded()
        closedAtOnce(never, idle)
        a.waiting.get() == 1

        when:
        a.openGate()

        then:
        answer.get() == 'a'
    }

    def "a WebSocket open when the drain starts keeps working, and is closed once the drain timeout is over"() {
        given:
        int drainSeconds = 2
        start(echo.url, drainSeconds)
        def client = new WebSocketClient(URI.create("ws://127.0.0.1:${junction.server.port('public')}/chat"))
        clients << client
        client.send('before')
        assert client.next() == 'e:before'

        when:
        long drainStart = System.nanoTime()
        def drained = CompletableFuture.supplyAsync { junction.server.drainAndClose() }
        client.send('during')

        then: 'the tunnel still carries messages after the drain began'
        client.next() == 'e:during'

        and: 'it is closed, not before the drain timeout, and the drain says something was cut'
        eventually.eventually { assert client.ended }
        (System.nanoTime() - drainStart).intdiv(1_000_000) >= drainSeconds * 1000
        !drained.get()
    }
}
