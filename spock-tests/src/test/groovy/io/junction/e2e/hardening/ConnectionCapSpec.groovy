package io.junction.e2e.hardening

import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import io.junction.e2e.tls.TestCertificates
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import javax.net.ssl.SSLContext
import java.nio.charset.StandardCharsets
import java.nio.file.Path
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.ExecutorService
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException

/**
 * Connection caps of http, h2c and https listeners (docs/hardening.md, "Limits"), HAProxy's maxconn way: at the cap a
 * listener stops accepting, the next connection waits in the kernel's backlog (its connect succeeds, its request is
 * not read) and is served as soon as an open connection ends.
 */
class ConnectionCapSpec extends Specification {

    static final String SCRIPT = '''pool('web') { backend '%s' }
%s('public', port: 0, bind: '127.0.0.1'%s) {%s
    otherwise { forward 'web' }
}
http('other', port: 0, bind: '127.0.0.1') {
    otherwise { forward 'web' }
}
'''
    static final byte[] GET = 'GET / HTTP/1.1\r\nHost: a\r\n\r\n'.getBytes(StandardCharsets.ISO_8859_1)
    static final byte[] GATE = 'GET /gate HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'.getBytes(StandardCharsets.ISO_8859_1)
    /** How long a waiting connection is watched for an answer it must not get. */
    static final int UNANSWERED_MILLIS = 1_000

    @TempDir Path dir
    @AutoCleanup('close') TestBackend backend = new TestBackend('web')
    @AutoCleanup('close') Junction junction
    @AutoCleanup('shutdownNow') ExecutorService clients = Executors.newFixedThreadPool(32)
    List<Socket> sockets = new CopyOnWriteArrayList<>()
    /** Set for an https 'public'. */
    SSLContext tls

    def cleanup() {
        sockets*.close()
    }

    def "#kind #via: #max connections are served, one more waits unanswered until one of them closes, then it is served"() {
        given:
        start(kind, settings, limits)
        def open = listeners.collect { served(it) }

        when: 'one more connection, to public, sends its request (a TLS one begins with its handshake)'
        def waiting = connect('public')
        def answered = CompletableFuture.supplyAsync({ waiting.outputStream.write(GET); answer(waiting, 60_000) }, clients)

        then: 'its connect succeeded (the kernel holds it), but nobody reads its request'
        unanswered(answered)
        capStops() >= 1

        when: 'an open connection ends'
        open[closing].close()

        then: 'the waiting one is accepted and answered'
        answered.get(30, TimeUnit.SECONDS).startsWith('HTTP/1.1 200')

        where:
        kind    | via                               | settings                               | limits                | listeners            | closing
        'http'  | 'limits: [maxConnections: 2]'     | [:]                                    | '[maxConnections: 2]' | ['public', 'public'] | 0
        'http'  | 'junction.http.max-connections=2' | ['junction.http.max-connections': '2'] | null                  | ['public', 'other']  | 1
        'h2c'   | 'limits: [maxConnections: 2]'     | [:]                                    | '[maxConnections: 2]' | ['public', 'public'] | 0
        'h2c'   | 'junction.http.max-connections=2' | ['junction.http.max-connections': '2'] | null                  | ['public', 'other']  | 1
        'https' | 'limits: [maxConnections: 2]'     | [:]                                    | '[maxConnections: 2]' | ['public', 'public'] | 1
        'https' | 'junction.http.max-connections=2' | ['junction.http.max-connections': '2'] | null                  | ['other', 'public']  | 0
        max = listeners.size()
    }

    def "#kind, cap #cap by #via: #clientCount clients connecting at once from several threads, never more than #cap served at a time, all served in the end"() {
        given:
        start(kind, settings, limits)

        when: 'every client connects and sends a request that waits at the backend until the gate opens'
        def answers = gatedClients(clientCount)

        then: 'as many as the cap reach the backend, and no more within a while'
        new PollingConditions(timeout: 30, delay: 0.02).eventually { assert backend.waiting.get() == cap }
        unanswered(CompletableFuture.anyOf(*answers))
        backend.waiting.get() == cap

        when: 'the backend answers, and each answered connection closes'
        backend.openGate()

        then: 'the others are served as slots free'
        answers.every { it.get(60, TimeUnit.SECONDS).startsWith('HTTP/1.1 200') }
        backend.waiting.get() == clientCount

        where:
        kind    | via                             | settings                               | limits                | cap | clientCount
        'http'  | 'limits: [maxConnections]'      | [:]                                    | '[maxConnections: 3]' | 3   | 24
        'https' | 'junction.http.max-connections' | ['junction.http.max-connections': '3'] | null                  | 3   | 24
    }

    def "#kind: connections waiting at the cap are closed when a reload removes their listener, not served after it"() {
        given: 'a cap of one, and clients connecting at once with requests that wait at the backend'
        start(kind, [:], '[maxConnections: 1]')
        def answers = gatedClients(clientCount)

        and: 'one reached the backend; the others wait, in the kernel or parked by Junction'
        new PollingConditions(timeout: 30, delay: 0.02).eventually { assert backend.waiting.get() == 1 }
        assert unanswered(CompletableFuture.anyOf(*answers))

        when: 'a reload removes the listener'
        assert junction.reload(['web.groovy': "pool('web') { backend '${backend.url}' }\n" + SCRIPT.substring(SCRIPT.indexOf("http('other'"))]).succeeded()

        then: 'every waiting connection ends without an answer while the request in flight still waits'
        new PollingConditions(timeout: 10, delay: 0.05).eventually { assert answers.count { it.done } == clientCount - 1 }
        answers.count { it.done && closedUnanswered(it) } == clientCount - 1
        backend.waiting.get() == 1

        when: 'the backend answers'
        backend.openGate()

        then: 'the request in flight on the removed listener was served'
        answers.count { !it.completedExceptionally && it.get(30, TimeUnit.SECONDS).startsWith('HTTP/1.1 200') } == 1

        where:
        kind << ['http', 'h2c', 'https']
        clientCount = 24
    }

    private void start(String kind, Map<String, String> settings, String limits) {
        String options = (kind == 'h2c' ? ', h2c: true' : '') + (limits ? ", limits: $limits" : '')
        String certificate = ''
        if (kind == 'https') {
            tls = TestCertificates.loopbackSite(dir)
            certificate = "\n    $TestCertificates.SITE_CERTIFICATE"
        }
        junction = new Junction(dir, ['web.groovy': String.format(SCRIPT, backend.url, kind == 'https' ? 'https' : 'http',
                options, certificate)], settings)
    }

    /** {@code count} clients that connect at once to 'public', each with a request that waits at the backend's gate. */
    private List<CompletableFuture<String>> gatedClients(int count) {
        (1..count).collect {
            CompletableFuture.supplyAsync({
                def socket = connect('public')
                socket.outputStream.write(GATE)
                answer(socket, 60_000)
            }, clients)
        }
    }

    /** A connection to {@code listener} that was accepted and answered once (kept alive). */
    private Socket served(String listener) {
        def socket = connect(listener)
        socket.outputStream.write(GET)
        assert answer(socket, 10_000).startsWith('HTTP/1.1 200')
        socket
    }

    /** Connected, before any byte: over TLS the handshake starts with the first write or read. */
    private Socket connect(String listener) {
        int port = junction.server.port(listener)
        def socket = tls != null && listener == 'public' ? tls.socketFactory.createSocket('127.0.0.1', port)
                : new Socket(InetAddress.loopbackAddress, port)
        sockets << socket
        socket
    }

    /** Whether {@code answer} is still not there after {@link #UNANSWERED_MILLIS}. */
    private static boolean unanswered(CompletableFuture<?> answer) {
        try {
            answer.get(UNANSWERED_MILLIS, TimeUnit.MILLISECONDS)
            false
        } catch (TimeoutException expected) {
            true
        }
    }

    /** Whether {@code answer} failed within 10 s because its connection ended (closed or reset) before an answer. */
    private static boolean closedUnanswered(CompletableFuture<String> answer) {
        try {
            answer.get(10, TimeUnit.SECONDS)
            false
        } catch (ExecutionException e) {
            // the supplier's IOException comes wrapped (a checked exception out of a Groovy closure)
            Throwable cause = e
            while (cause != null && !(cause instanceof IOException)) {
                cause = cause.cause
            }
            cause != null
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
