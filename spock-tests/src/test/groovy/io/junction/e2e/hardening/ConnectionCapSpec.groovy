package io.junction.e2e.hardening

import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.charset.StandardCharsets
import java.nio.file.Path

/**
 * Connection caps of http listeners (docs/hardening.md, "Limits"), HAProxy's maxconn way: at the cap a listener
 * stops accepting, the next connection waits in the kernel's backlog (its connect succeeds, its request is not
 * read) and is served as soon as an open connection ends.
 */
class ConnectionCapSpec extends Specification {

    static final String SCRIPT = '''pool('web') { backend '%s' }
http('public', port: 0, bind: '127.0.0.1'%s) {
    otherwise { forward 'web' }
}
http('other', port: 0, bind: '127.0.0.1') {
    otherwise { forward 'web' }
}
'''
    static final byte[] GET = 'GET / HTTP/1.1\r\nHost: a\r\n\r\n'.getBytes(StandardCharsets.ISO_8859_1)
    /** How long a waiting connection is watched for an answer it must not get. */
    static final int UNANSWERED_MILLIS = 1_000

    @TempDir Path dir
    @AutoCleanup('close') TestBackend backend = new TestBackend('web')
    @AutoCleanup('close') Junction junction
    List<Socket> sockets = []

    def cleanup() {
        sockets*.close()
    }

    def "#via: #max connections are served, one more waits unanswered until one of them closes, then it is served"() {
        given:
        junction = new Junction(dir, ['web.groovy': String.format(SCRIPT, backend.url, limits ? ", limits: $limits" : '')], settings)
        def open = listeners.collect { served(it) }

        when: 'one more connection, to public'
        def waiting = connect('public')
        waiting.outputStream.write(GET)

        then: 'its connect succeeded (the kernel holds it), but nobody reads its request'
        unanswered(waiting)
        capStops() >= 1

        when: 'an open connection ends'
        open[closing].close()

        then: 'the waiting one is accepted and answered'
        answer(waiting, 10_000).startsWith('HTTP/1.1 200')

        where:
        via                                  | settings                                | limits                  | listeners                   | closing
        'public limits: [maxConnections: 2]' | [:]                                     | '[maxConnections: 2]'   | ['public', 'public']        | 0
        'junction.http.max-connections=2'    | ['junction.http.max-connections': '2']  | null                    | ['public', 'other']         | 1
        max = listeners.size()
    }

    /** A connection to {@code listener} that was accepted and answered once (kept alive). */
    private Socket served(String listener) {
        def socket = connect(listener)
        socket.outputStream.write(GET)
        assert answer(socket, 10_000).startsWith('HTTP/1.1 200')
        socket
    }

    private Socket connect(String listener) {
        def socket = new Socket(InetAddress.loopbackAddress, junction.server.port(listener))
        sockets << socket
        socket
    }

    private static boolean unanswered(Socket socket) {
        try {
            answer(socket, UNANSWERED_MILLIS)
            false
        } catch (SocketTimeoutException expected) {
            true
        }
    }

    /** The head of the next response and its body, framed by Content-Length. */
    private static String answer(Socket socket, int timeoutMillis) {
        socket.soTimeout = timeoutMillis
        def head = new StringBuilder()
        while (!head.toString().endsWith('\r\n\r\n')) {
            int b = socket.inputStream.read()
            if (b < 0) {
                throw new IOException("closed after: $head")
            }
            head.append((char) b)
        }
        int length = (head =~ /(?i)content-length: (\d+)/)[0][1] as int
        head.toString() + new String(socket.inputStream.readNBytes(length), StandardCharsets.ISO_8859_1)
    }

    private long capStops() {
        junction.server.metrics().counter('junction.listener.public.connection-cap-stops').count
    }
}
