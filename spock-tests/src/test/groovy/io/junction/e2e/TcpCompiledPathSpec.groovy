package io.junction.e2e

import jdk.jfr.consumer.RecordedEvent
import jdk.jfr.consumer.RecordingStream
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path
import java.time.Duration
import java.time.Instant
import java.util.concurrent.ConcurrentLinkedQueue

/**
 * New connections to a warm tcp listener may not make the JIT throw away the compiled code that moves their bytes:
 * each deoptimization sends the event loop back to the interpreter and costs a C2 compile of the whole hot path
 * again (a few hundred ms of CPU). An empty PROXY-header write per connection did that: the splices' compiled write
 * had never seen a write of nothing (and a PROXY header's write, one from a heap buffer). Watched with the JVM's own deoptimization events (JFR) in this JVM, where
 * Junction runs; a JVM that has not compiled the path by the deadline cannot show the fault and passes.
 */
class TcpCompiledPathSpec extends Specification {

    @TempDir Path dir
    @AutoCleanup('close') RawBackend backend
    @AutoCleanup('close') Junction junction
    @AutoCleanup('close') RecordingStream jfr = new RecordingStream()
    def compiled = new ConcurrentLinkedQueue<String>()
    def thrownAway = new ConcurrentLinkedQueue<RecordedEvent>()
    /** When the newest periodic event the stream delivered was taken: events arrive in batches, about once a second. */
    volatile Instant delivered = Instant.EPOCH

    def "#connections new connections to a warm tcp listener leave its compiled code in place (pool: #poolWords)"() {
        given:
        jfr.enable('jdk.Compilation').withThreshold(Duration.ZERO)
        jfr.enable('jdk.Deoptimization').withStackTrace()
        jfr.onEvent('jdk.Compilation') { compiled << "${it.getValue('method').type.name}.${it.getValue('method').name}:${it.getInt('compileLevel')}".toString() }
        jfr.onEvent('jdk.Deoptimization') { thrownAway << it }
        jfr.enable('jdk.JavaThreadStatistics').withPeriod(Duration.ofMillis(100))
        jfr.onEvent('jdk.JavaThreadStatistics') { delivered = it.startTime }
        jfr.startAsync()
        backend = new RawBackend('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
        junction = new Junction(dir, ['db.groovy': """pool('origin') { backend 'tcp://127.0.0.1:$backend.server.localPort'; $poolWords }
tcp('db', port: 0, bind: '127.0.0.1') { forward 'origin' }
"""])
        int port = junction.server.port('db')
        def warm = new KeepAliveClient(port, REQUEST)
        and: 'the hot path compiled by C2 (tier 4), or the deadline passed'
        def deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos()
        while (!compiled.contains('sun.nio.ch.SocketChannelImpl.write:4') && System.nanoTime() < deadline) {
            warm.send(5_000)
        }
        warm.send(5_000)
        thrownAway.clear()

        when:
        def clients = (1..connections).collect { new KeepAliveClient(port, REQUEST) }
        clients*.send(2)
        warm.send(5_000)
        def windowEnd = Instant.now()
        new PollingConditions(timeout: 30).eventually { assert delivered.isAfter(windowEnd) }

        then: 'no compiled code of the tcp path was thrown away'
        def inTcpPath = thrownAway.findAll { event -> event.stackTrace?.frames?.any { it.method.type.name.startsWith('io.junction.server.tcp.') } }
        inTcpPath.collect { "${it.getValue('method').type.name}.${it.getValue('method').name} line ${it.getInt('lineNumber')}: ${it.getString('reason')}" } == []

        cleanup:
        clients*.close()
        warm?.close()

        where:
        poolWords            || connections
        ''                   || 20
        "proxyProtocol 'v1'" || 20
    }

    static final String REQUEST = 'GET / HTTP/1.1\r\nHost: db\r\n\r\n'
}
