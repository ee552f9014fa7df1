package io.junction.e2e

import io.junction.server.metrics.MetricNames
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.charset.StandardCharsets
import java.nio.file.Path

/** Many idle keep-alive client connections are held, not dropped, and each is served again afterwards (answered by a respond route: the client side is what is measured). */
class IdleConnectionsSpec extends Specification {

    static final int CONNECTIONS = 2_000

    @TempDir Path dir
    @AutoCleanup('close') Junction junction
    List<Socket> clients = []

    def cleanup() {
        clients.each { it.close() }
    }

    def "#count keep-alive connections left idle are all served again"() {
        given:
        junction = new Junction(dir, ['web.groovy': "http('public', port: 0, bind: '127.0.0.1') { otherwise { respond 200, 'idle' } }"],
                ['junction.http.idle-timeout': '10m'])

        when: 'every connection sends one request and then sits idle while the others are opened'
        count.times {
            def socket = new Socket(InetAddress.getLoopbackAddress(), junction.server.port('public'))
            socket.soTimeout = 30_000
            clients << socket
            assert request(socket) == 'idle'
        }

        then: 'each one is still open and answers a second request'
        clients.collect { request(it) }.every { it == 'idle' }
        junction.server.metrics().timers[MetricNames.listenerRequests('public')].count == 2 * count

        where:
        count = CONNECTIONS
    }

    /** One keep-alive request; reads exactly the Content-Length body of the answer. */
    private static String request(Socket socket) {
        socket.outputStream.write('GET / HTTP/1.1\r\nHost: a\r\n\r\n'.getBytes(StandardCharsets.ISO_8859_1))
        def input = socket.inputStream
        def head = new StringBuilder()
        while (!head.toString().endsWith('\r\n\r\n')) {
            int b = input.read()
            assert b >= 0: "connection closed after: $head"
            head.append((char) b)
        }
        assert head.toString().startsWith('HTTP/1.1 200')
        int length = (head =~ /(?i)content-length: *(\d+)/)[0][1] as int
        new String(input.readNBytes(length), StandardCharsets.ISO_8859_1)
    }
}
