package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * The own engine's steady state: a proxied keep-alive request may not make its event loops allocate more than a
 * small, fixed amount, or a busy proxy pays for it in GC pauses. Counted with the JVM's per-thread allocation
 * counters of the {@code junction-io-*} threads while a real client sends requests through a real listener to a
 * raw-socket backend. docs/performance.md has the measured figure (single bytes) and what is left: the metrics' timers
 * keep a sample now and then, more often the longer a run takes, so the ceiling leaves room for a slow machine.
 */
class ProxyAllocationSpec extends Specification {

    static final int WARM_UP = 20_000
    static final int MEASURED = 20_000

    @TempDir Path dir
    @AutoCleanup('close') RawBackend backend
    @AutoCleanup('close') Junction junction

    def "a proxied #method request allocates fewer than #ceiling bytes on the event loops"() {
        given:
        backend = new RawBackend(answer)
        junction = new Junction(dir, ['web.groovy': Junction.onePool("backend '${backend.url}'")],
                ['junction.http.engine': 'own'])
        def client = new KeepAliveClient(junction.server.port('public'), "$method /item?id=7 HTTP/1.1\r\nHost: shop\r\n$headEndAndBody")
        client.send(WARM_UP)

        when:
        def loops = EventLoopAllocation.ofThreads('junction-io-')
        client.send(MEASURED)
        long perRequest = loops.allocatedSince().intdiv(MEASURED)
        println "own engine, proxied $method: $perRequest bytes allocated per request on the event loops"

        then:
        client.answers == WARM_UP + MEASURED
        perRequest < ceiling

        cleanup:
        client?.close()

        where:
        method | headEndAndBody                             | answer                                           || ceiling
        'GET'  | '\r\n'                                     | 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok' || 64
        'HEAD' | '\r\n'                                     | 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n'   || 64
        'POST' | 'Content-Length: 13\r\n\r\nname=junction' | 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok' || 64
    }
}
