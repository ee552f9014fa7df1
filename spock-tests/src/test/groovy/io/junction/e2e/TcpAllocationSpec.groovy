package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * A tcp listener's steady state: moving a small request and its answer through a connection may not make the event
 * loops allocate, or a busy proxy pays for it in GC. Counted with the JVM's per-thread allocation counters of the
 * {@code junction-io-*} threads (which serve tcp listeners on either HTTP engine) while a real client sends keep-alive
 * requests through a real tcp listener to a raw-socket backend. docs/performance.md has the measured figure.
 */
class TcpAllocationSpec extends Specification {

    static final int WARM_UP = 20_000
    static final int MEASURED = 20_000

    @TempDir Path dir
    @AutoCleanup('close') RawBackend backend
    @AutoCleanup('close') Junction junction

    def "a request and its answer through a tcp listener allocate fewer than #ceiling bytes on the event loops"() {
        given:
        backend = new RawBackend('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
        junction = new Junction(dir, ['db.groovy': """pool('origin') { backend 'tcp://127.0.0.1:$backend.server.localPort' }
tcp('db', port: 0, bind: '127.0.0.1') { forward 'origin' }
"""])
        def client = new KeepAliveClient(junction.server.port('db'), 'GET /item?id=7 HTTP/1.1\r\nHost: shop\r\n\r\n')
        client.send(WARM_UP)

        when:
        def loops = EventLoopAllocation.ofThreads('junction-io-')
        client.send(MEASURED)
        long perRequest = loops.allocatedSince().intdiv(MEASURED)
        println "tcp listener: $perRequest bytes allocated per request and answer on the event loops"

        then:
        client.answers == WARM_UP + MEASURED
        perRequest < ceiling

        cleanup:
        client?.close()

        where:
        ceiling = 16
    }
}
