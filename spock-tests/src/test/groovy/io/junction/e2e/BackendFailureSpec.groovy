package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** Dead, silent and broken backends get a retry or the right 5xx, never a duplicated request. */
class BackendFailureSpec extends Specification {

    @TempDir Path dir
    @AutoCleanup('close') Junction junction
    @AutoCleanup('close') TestBackend slow = new TestBackend('slow')
    List<Closeable> cleanup = []

    def cleanup() {
        cleanup.each { it.close() }
    }

    private Junction junctionFor(String backends, String timeouts = '') {
        new Junction(dir, ['web.groovy': Junction.onePool("$backends\n$timeouts")])
    }

    def "a body larger than junction.http.max-request-body is refused with 413 before any backend sees it"() {
        given:
        def backend = new TestBackend('echo')
        cleanup << backend
        junction = new Junction(dir, ['web.groovy': Junction.onePool("backend '$backend.url'")], ['junction.http.max-request-body': '1000'])

        when:
        def small = RawHttp.exchange(junction.server.port('public'), "POST /echo HTTP/1.1\nHost: a\nContent-Length: 1000\nConnection: close\n\n", new byte[1000])
        def large = RawHttp.exchange(junction.server.port('public'), "POST /echo HTTP/1.1\nHost: a\nContent-Length: 1001\nConnection: close\n\n", new byte[1001])

        then:
        small.status == 200
        large.status == 413
        large.body.startsWith('request body too large')
        backend.requests.get() == 1
    }

    def "when every backend refuses, the client gets 502 with a short reason"() {
        given:
        junction = junctionFor("backend 'http://127.0.0.1:${Junction.refusedPort()}'\nbackend 'http://127.0.0.1:${Junction.refusedPort()}'")

        when:
        def response = junction.get('/')

        then:
        response.statusCode() == 502
        response.body().startsWith('bad gateway')
    }

    def "a connect that does not complete in time gets 504"() {
        given: 'a listening socket whose accept queue is full: the kernel drops further SYNs'
        def blackHole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
        cleanup << blackHole
        3.times {
            def filler = new Socket()
            cleanup << filler
            try { filler.connect(blackHole.localSocketAddress, 200) } catch (IOException ignored) { }
        }
        junction = junctionFor("backend 'http://127.0.0.1:$blackHole.localPort'", "timeouts connect: '300ms'")

        when:
        def response = junction.get('/')

        then:
        response.statusCode() == 504
        response.body().startsWith('gateway timeout')
    }

    def "a backend that accepts but never answers gets 504 at the response timeout"() {
        given:
        junction = junctionFor("backend '$slow.url'", "timeouts response: '400ms'")

        when:
        def response = junction.get('/hang')

        then:
        response.statusCode() == 504
        slow.requests.get() == 1
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
