package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import io.junction.e2e.tls.TestCertificates

import javax.net.ssl.SSLContext
import javax.net.ssl.SSLSocket
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
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

    /** Set when 'public' is an https listener. */
    SSLContext tls

    /** @param kind http, h2c or https: what the listener 'public' is */
    private void start(String backendUrl, int drainSeconds, String kind = 'http') {
        String certificate = ''
        if (kind == 'https') {
            tls = TestCertificates.loopbackSite(dir)
            certificate = "\n    $TestCertificates.SITE_CERTIFICATE"
        }
        junction = new Junction(dir, ['web.groovy': """pool('web') {
    backend '$backendUrl'
}
${kind == 'https' ? 'https' : 'http'}('public', port: 0, bind: '127.0.0.1'${kind == 'h2c' ? ', h2c: true' : ''}) {$certificate
    otherwise { forward 'web' }
}
"""], ['junction.drain.timeout': "${drainSeconds}s".toString()])
    }

    /** A connection that never sends a byte (over TLS: the handshake done, offering {@code alpn}); a read on it gives up after 10 s. */
    private Socket silent(String alpn = 'http/1.1') {
        def socket = new Socket(InetAddress.loopbackAddress, junction.server.port('public'))
        if (tls != null) {
            SSLSocket secure = (SSLSocket) tls.socketFactory.createSocket(socket, '127.0.0.1', socket.port, true)
            secure.SSLParameters = secure.SSLParameters.tap { applicationProtocols = [alpn] as String[] }
            secure.startHandshake()
            socket = secure
        }
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

    /**
     * Connections a drain must close at once: one that never sent a byte and one kept alive after an exchange, and on
     * an h2c or https listener one that began HTTP/2 (prior knowledge, or ALPN h2) with the preface and its SETTINGS
     * and sent no request, and one that had one exchange on HTTP/2.
     */
    private List<Socket> unusedAndIdle(String kind) {
        def connections = [silent(), keptAlive()]
        if (kind != 'http') {
            def http2 = silent('h2')
            // the connection preface (RFC 9113 3.4): the magic, then an empty SETTINGS frame
            http2.outputStream.write('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'.bytes)
            http2.outputStream.write(frameHeader(0, 4, 0, 0))
            connections << http2 << http2KeptAlive(kind)
        }
        connections
    }

    /** An HTTP/2 connection (prior knowledge on h2c, ALPN h2 on https) that had one exchange, GET /, and stays open. */
    private Socket http2KeptAlive(String kind) {
        def socket = silent('h2')
        def out = socket.outputStream
        out.write('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'.bytes)
        out.write(frameHeader(0, 4, 0, 0))
        // :method GET, :scheme, :path / from HPACK's static table; :authority 'a' as a literal (RFC 7541 appendix A)
        byte[] headers = [0x82, kind == 'https' ? 0x87 : 0x86, 0x84, 0x41, 1, (byte) ('a' as char)] as byte[]
        out.write(frameHeader(headers.length, 1, 0x5, 1)) // HEADERS, END_STREAM | END_HEADERS, stream 1
        out.write(headers)
        def input = new DataInputStream(socket.inputStream)
        boolean ended = false
        while (!ended) {
            byte[] head = new byte[9]
            input.readFully(head)
            int length = ((head[0] & 0xff) << 16) | ((head[1] & 0xff) << 8) | (head[2] & 0xff)
            int type = head[3], flags = head[4]
            int stream = ((head[5] & 0x7f) << 24) | ((head[6] & 0xff) << 16) | ((head[7] & 0xff) << 8) | (head[8] & 0xff)
            input.readNBytes(length)
            // the response to stream 1 ends with END_STREAM on its HEADERS or DATA
            ended = stream == 1 && (type == 0 || type == 1) && (flags & 1) != 0
        }
        socket
    }

    private static byte[] frameHeader(int length, int type, int flags, int stream) {
        [length >> 16, length >> 8, length, type, flags, stream >> 24, stream >> 16, stream >> 8, stream] as byte[]
    }

    /** A request to /gate in flight at the backend; its answer's body when the gate opens. */
    private CompletableFuture<String> inFlight() {
        def answer = CompletableFuture.supplyAsync {
            if (tls == null) {
                return junction.get('/gate').body()
            }
            def client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).build()
            client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:${junction.server.port('public')}/gate")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()
        }
        eventually.eventually { assert a.waiting.get() == 1 }
        answer
    }

    /**
     * Each connection ends (EOF, or a reset) well before the drain timeout, not with the 10 s read timeout; what the
     * server sent before (an HTTP/2 server's SETTINGS) is read past.
     */
    private static boolean closedAtOnce(List<Socket> sockets) {
        sockets.every {
            try {
                it.inputStream.readAllBytes()
                true
            } catch (SocketTimeoutException stillOpen) {
                false
            } catch (SocketException reset) {
                true
            }
        }
    }

    def "a drain closes a connection that never sent a request and an idle kept-alive one at once (#kind listener); the request in flight finishes"() {
        given:
        start(a.url, LONG_DRAIN_S, kind)
        def connections = unusedAndIdle(kind)
        def answer = inFlight()

        when:
        def drained = CompletableFuture.supplyAsync { junction.server.drainAndClose() }

        then:
        closedAtOnce(connections)
        !drained.done
        a.waiting.get() == 1

        when:
        a.openGate()

        then:
        answer.get() == 'a'
        drained.get()

        where:
        kind << ['http', 'h2c', 'https']
    }

    def "a reload that removes a listener closes its unused and idle connections at once (#kind listener); the request in flight finishes"() {
        given:
        start(a.url, LONG_DRAIN_S, kind)
        def connections = unusedAndIdle(kind)
        def answer = inFlight()

        when:
        def reloaded = junction.reload(['web.groovy': "pool('web') {\n    backend '$a.url'\n}\n" +
                "http('other', port: 0, bind: '127.0.0.1') {\n    otherwise { forward 'web' }\n}\n"])

        then:
        reloaded.succeeded()
        closedAtOnce(connections)
        a.waiting.get() == 1

        when:
        a.openGate()

        then:
        answer.get() == 'a'

        where:
        kind << ['http', 'h2c', 'https']
    }

    def "a drain lets a request of an HTTP/2 connection finish after another stream of the connection completed (#kind listener)"() {
        given: 'one HTTP/2 connection with a request in flight at the backend'
        start(a.url, LONG_DRAIN_S, kind)
        def client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).with { tls ? it.sslContext(tls) : it }.build()
        String base = "${kind == 'https' ? 'https' : 'http'}://127.0.0.1:${junction.server.port('public')}"
        // the first request makes the connection (an h2c one by upgrade, which answers that request on HTTP/2)
        assert client.send(HttpRequest.newBuilder(URI.create("$base/")).build(), HttpResponse.BodyHandlers.ofString()).version() == HttpClient.Version.HTTP_2
        def gate = client.sendAsync(HttpRequest.newBuilder(URI.create("$base/gate")).build(), HttpResponse.BodyHandlers.ofString())
        eventually.eventually { assert a.waiting.get() == 1 }

        when: 'another stream of it completes, then the drain starts'
        assert client.send(HttpRequest.newBuilder(URI.create("$base/")).build(), HttpResponse.BodyHandlers.ofString()).body() == 'a'
        def unused = silent()
        def drained = CompletableFuture.supplyAsync { junction.server.drainAndClose() }

        then: 'the drain closed what was not in a request'
        closedAtOnce([unused])

        when:
        a.openGate()

        then: 'the request in flight is answered, and the drain ends'
        gate.get().body() == 'a'
        drained.get()

        where:
        kind << ['h2c', 'https']
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
