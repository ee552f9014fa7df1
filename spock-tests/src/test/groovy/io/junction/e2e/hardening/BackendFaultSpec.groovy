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
 * Backend faults, one row each (docs/hardening.md, "Backend faults"): the status the client gets, the
 * Proxy-Status error (RFC 9209) that names the fault, and how long it took, bounded by a deadline on both sides.
 * Connect timeout 300 ms, response timeout 400 ms; an answer that waits for no timeout comes within {@link #QUICK}.
 */
class BackendFaultSpec extends Specification {

    static final long QUICK = 2_000
    static final String TIMEOUTS = "timeouts connect: '300ms', response: '400ms'"
    static final String RESPONSE_HEAD = 'HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n'

    @TempDir Path dir
    @AutoCleanup('close') Junction junction
    List<Closeable> cleanup = []

    def cleanup() {
        cleanup*.close()
    }

    def "#fault: a #method is answered #status with Proxy-Status #error within its deadline"() {
        given:
        junction = junctionFor("backend '${start(backend)}'")

        when:
        long started = System.nanoTime()
        def response = RawHttp.exchange(junction.server.port('public'), "$method / HTTP/1.1\nHost: a\nContent-Length: 0\nConnection: close\n\n")
        long took = (System.nanoTime() - started).intdiv(1_000_000)

        then:
        response.status == status
        response.header('Proxy-Status') == "junction; error=$error"
        took >= waits
        took < waits + QUICK

        where:
        fault                                  | method | backend                                                           || status | error                      | waits
        'connection refused'                   | 'GET'  | { "http://127.0.0.1:${Junction.refusedPort()}" }                  || 502    | 'connection_refused'       | 0
        'connect timeout (full accept queue)'  | 'GET'  | { new BlackHoleBackend() }                                        || 504    | 'connection_timeout'       | 300
        'host name that does not resolve'      | 'GET'  | { 'http://no-such-host.invalid:80' }                              || 502    | 'dns_error'                | 0
        'accepts, then silent'                 | 'GET'  | { FaultyBackend.silent() }                                        || 504    | 'http_response_timeout'    | 400
        'accepts, then silent'                 | 'POST' | { FaultyBackend.silent() }                                        || 504    | 'http_response_timeout'    | 400
        'reset before the response head'       | 'POST' | { FaultyBackend.resetsAfter('') }                                 || 502    | 'http_response_incomplete' | 0
        'reset inside the response head'       | 'GET'  | { FaultyBackend.resetsAfter('HTTP/1.1 200 OK\r\nContent-Le') }    || 502    | 'http_response_incomplete' | 0
        'closed before the response head'      | 'POST' | { FaultyBackend.closesAfter('') }                                 || 502    | 'http_response_incomplete' | 0
        'malformed response head'              | 'GET'  | { FaultyBackend.closesAfter('HTTP/1.1 2x0 OK\r\n\r\n') }          || 502    | 'http_protocol_error'      | 0
    }

    def "#fault on the first backend: the request goes to the healthy one and is answered 200"() {
        given: 'the faulty backend weighs more, so weighted round robin tries it first'
        def healthy = new TestBackend('healthy')
        cleanup << healthy
        junction = junctionFor("balance 'weighted-round-robin'\nbackend '${start(backend)}', weight: 5\nbackend '$healthy.url'")

        when:
        long started = System.nanoTime()
        def response = junction.get('/')
        long took = (System.nanoTime() - started).intdiv(1_000_000)

        then:
        response.statusCode() == 200
        response.body() == 'healthy'
        healthy.requests.get() == 1
        took >= waits
        took < waits + QUICK

        where:
        fault                             | backend                                          || waits
        'connection refused'              | { "http://127.0.0.1:${Junction.refusedPort()}" } || 0
        'connect timeout'                 | { new BlackHoleBackend() }                       || 300
        'a host name that does not resolve' | { 'http://no-such-host.invalid:80' }           || 0
    }

    def "#fault after the response head: the client's connection is closed before the body is complete, no 502 is made up"() {
        given:
        junction = junctionFor("backend '${start(backend)}'")

        when:
        long started = System.nanoTime()
        def received = receiveUntilClosed("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        long took = (System.nanoTime() - started).intdiv(1_000_000)

        then:
        received.startsWith('HTTP/1.1 200 ')
        !received.contains(' 502 ')
        received.length() - received.indexOf('\r\n\r\n') - 4 == bodyBytes
        took < QUICK

        where:
        fault              | backend                                                         || bodyBytes
        'reset'            | { FaultyBackend.resetsAfter(RESPONSE_HEAD + 'x' * 1000) }       || 1000
        'dies mid-body'    | { FaultyBackend.closesAfter(RESPONSE_HEAD + 'x' * 5000) }       || 5000
    }

    def "a backend that trickles its body a byte every #gap ms, longer in all than the response timeout, gets it through whole"() {
        given:
        def body = 'trickle'
        junction = junctionFor("backend '${start({ FaultyBackend.trickles(body, gap) })}'")

        when:
        def response = junction.get('/')

        then: 'the response timeout bounds the head only; the body may take longer'
        response.statusCode() == 200
        response.body() == body

        where:
        gap << [100]
    }

    private Junction junctionFor(String backends) {
        new Junction(dir, ['web.groovy': Junction.onePool("$backends\n$TIMEOUTS")])
    }

    /** Starts the row's backend: a closure that answers a URL, or a backend to close after the feature. */
    private String start(Closure backend) {
        def started = backend()
        if (started instanceof Closeable) {
            cleanup << started
            return started.url
        }
        started
    }

    /** All the bytes Junction sends until it closes the connection (a reset counts as closed). */
    private String receiveUntilClosed(String request) {
        new Socket(InetAddress.getLoopbackAddress(), junction.server.port('public')).withCloseable { socket ->
            socket.soTimeout = 10_000
            socket.outputStream.write(request.getBytes(StandardCharsets.ISO_8859_1))
            def received = new ByteArrayOutputStream()
            try {
                socket.inputStream.transferTo(received)
            } catch (SocketException reset) {
                // cut off by a reset: what arrived before it is the answer
            }
            new String(received.toByteArray(), StandardCharsets.ISO_8859_1)
        }
    }
}
