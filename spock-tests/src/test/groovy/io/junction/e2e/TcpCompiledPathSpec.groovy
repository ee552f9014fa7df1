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
 * had never seen a write of nothing (nor a PROXY header's, from a heap buffer). Watched with the JVM's own
 * deoptimization events (JFR) in this JVM, where Junction runs; a JVM that has not compiled the path after the
 * warm-up cannot show the fault and passes.
 */
class TcpCompiledPathSpec extends Specification {

    @TempDir Path dir
    @AutoCleanup('close') RawBackend backend
    @AutoCleanup('close') Junction junction
    @AutoCleanup('close') RecordingStream jfr = new RecordingStream()
    def thrownAway = new ConcurrentLinkedQueue<RecordedEvent>()
    /** When the newest periodic event the stream delivered was taken: events arrive in batches, about once a second. */
    volatile Instant delivered = Instant.EPOCH

    def "#connections new connections to a warm tcp listener leave its compiled code in place (pool: #poolWords)"() {
        given:
        jfr.enable('jdk.Deoptimization').withStackTrace()
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
        warm.send(WARM_UP)   // the hot path compiled by C2 by then, or the JVM cannot show the fault (and passes)

        when:
        def windowStart = Instant.now()
        def clients = (1..connections).collect { new KeepAliveClient(port, REQUEST) }
        clients*.send(2)
        warm.send(5_000)
        def windowEnd = Instant.now()
        new PollingConditions(timeout: 30).eventually { assert delivered.isAfter(windowEnd) }

        then: 'no compiled code of the socket I/O that tcp sessions run was thrown away (cold per-connection code may be)'
        def inTcpPath = thrownAway.findAll { event ->
            !event.startTime.isBefore(windowStart) && event.getValue('method').type.name ==~ HOT_PATH
                    && event.stackTrace?.frames?.any { "$it.method.type.name.$it.method.name" ==~ BYTES_MOVED }
        }
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
    static final int WARM_UP = 30_000
    /** Where the splices' reads and writes run: the JDK's socket channel code and the splice itself. */
    static final String HOT_PATH = /sun\.nio\.ch\..*|io\.junction\.server\.tcp\.Splice/
    /** Who moves a session's bytes: the splices, and the PROXY header's write before them. */
    static final String BYTES_MOVED = /io\.junction\.server\.tcp\.Splice\..*|io\.junction\.server\.tcp\.TcpSession\.sendProxyHeader/
}
