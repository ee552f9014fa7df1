package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * The steady state of the event loops: a proxied keep-alive request may not make them allocate more than a small,
 * fixed amount, or a busy proxy pays for it in GC pauses. Counted with the JVM's per-thread allocation counters of
 * the {@code junction-io-*} threads while a real client sends requests through a real listener (an http one on the
 * own engine; a tcp one, which those loops serve on either engine) to a raw-socket backend. docs/performance.md has
 * the measured figures: none, http and tcp alike, since the request timers record into HdrHistogram's arrays; the
 * ceiling leaves room for the counters' own reading.
 */
class ProxyAllocationSpec extends Specification {

    static final int WARM_UP = 20_000
    static final int MEASURED = 20_000

    @TempDir Path dir
    @AutoCleanup('close') RawBackend backend
    @AutoCleanup('close') Junction junction

    def "a #method request through a #kind listener allocates fewer than #ceiling bytes on the event loops"() {
        given:
        backend = new RawBackend(answer)
        int port = kind == 'tcp' ? startTcp() : startHttp()
        def client = new KeepAliveClient(port, "$method /item?id=7 HTTP/1.1\r\nHost: shop\r\n$headEndAndBody")
        client.send(WARM_UP)

        when:
        def loops = EventLoopAllocation.ofThreads('junction-io-')
        client.send(MEASURED)
        long perRequest = loops.allocatedSince().intdiv(MEASURED)
        println "$kind listener, proxied $method: $perRequest bytes allocated per request on the event loops"

        then:
        client.answers == WARM_UP + MEASURED
        perRequest < ceiling

        cleanup:
        client?.close()

        where:
        kind   | method | headEndAndBody                             | answer                                           || ceiling
        'http' | 'GET'  | '\r\n'                                     | 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok' || 16
        'http' | 'HEAD' | '\r\n'                                     | 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n'   || 16
        'http' | 'POST' | 'Content-Length: 13\r\n\r\nname=junction' | 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok' || 16
        'tcp'  | 'GET'  | '\r\n'                                     | 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok' || 16
    }

    private int startHttp() {
        junction = new Junction(dir, ['web.groovy': Junction.onePool("backend '${backend.url}'")],
                ['junction.http.engine': 'own'])
        junction.server.port('public')
    }

    private int startTcp() {
        junction = new Junction(dir, ['db.groovy': """pool('origin') { backend 'tcp://127.0.0.1:$backend.server.localPort' }
tcp('db', port: 0, bind: '127.0.0.1') { forward 'origin' }
"""])
        junction.server.port('db')
    }
}
