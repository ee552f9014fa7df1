package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * Backends that break a request they were sent: the right 5xx, never a duplicated request. Each fault's status,
 * Proxy-Status and timing are BackendFaultSpec's; client limits are LimitsSpec's.
 */
class BackendFailureSpec extends Specification {

    @TempDir Path dir
    @AutoCleanup('close') Junction junction
    List<Closeable> cleanup = []

    def cleanup() {
        cleanup.each { it.close() }
    }

    private Junction junctionFor(String backends) {
        new Junction(dir, ['web.groovy': Junction.onePool(backends)])
    }

    def "a #method whose backend breaks after receiving it gets 502 and is never sent again"() {
        given: 'a backend that reads the request and then drops the connection, and a healthy one beside it'
        def breaking = new BreakingBackend()
        cleanup << breaking
        def healthy = new TestBackend('healthy')
        cleanup << healthy
        // smooth weighted round robin picks the heavier backend first
        junction = junctionFor("balance 'weighted-round-robin'\nbackend '$breaking.url', weight: 5\nbackend '$healthy.url'")

        when:
        def response = RawHttp.exchange(junction.server.port('public'), """$method / HTTP/1.1
Host: a
Content-Length: 0
Connection: close

""")

        then:
        response.status == 502
        response.header('Proxy-Status') == 'junction; error=http_response_incomplete'
        breaking.connections.get() == 1
        healthy.requests.get() == 0

        where:
        method << ['POST', 'GET']
    }

    def "a backend that breaks while the request body is still streaming gets 502, not Undertow's own 500/503"() {
        given:
        def breaking = new BreakingBackend()
        cleanup << breaking
        junction = junctionFor("backend '$breaking.url'")

        when: 'the client streams a 4 MiB body while reading the answer'
        def response = new Socket(InetAddress.getLoopbackAddress(), junction.server.port('public')).withCloseable { socket ->
            socket.soTimeout = 30_000
            Thread.start {
                try {
                    socket.outputStream.write("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4194304\r\n\r\n".bytes)
                    16.times { socket.outputStream.write(new byte[262144]) }
                } catch (IOException ignored) {
                    // Junction may close the connection before the whole body was sent: that is the point
                }
            }
            new BufferedReader(new InputStreamReader(socket.inputStream)).readLine()
        }

        then:
        response.startsWith('HTTP/1.1 502 ')
        breaking.connections.get() == 1
    }
}
