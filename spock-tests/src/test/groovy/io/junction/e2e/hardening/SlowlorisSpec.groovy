package io.junction.e2e.hardening

import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.Executors
import java.util.concurrent.ScheduledExecutorService
import java.util.concurrent.TimeUnit

/**
 * Slow clients (slowloris: a request head that never ends, one byte a second) are closed at the
 * header deadline ({@code junction.http.header-timeout}) and do not starve a normal client.
 */
class SlowlorisSpec extends Specification {

    static final long HEADER_TIMEOUT_MS = 2_000

    @Shared @TempDir Path dir
    @Shared @AutoCleanup('close') TestBackend backend = new TestBackend('web')
    @Shared @AutoCleanup('close') Junction junction
    @AutoCleanup('shutdownNow') ScheduledExecutorService trickle = Executors.newScheduledThreadPool(4)

    def setupSpec() {
        junction = new Junction(dir, ['web.groovy': Junction.onePool("backend '$backend.url'")],
                ['junction.http.header-timeout': "${HEADER_TIMEOUT_MS}ms".toString()])
    }

    def "#slow connections sending a head byte a second are closed at the header deadline; a normal client is answered meanwhile"() {
        given: 'connections that send a head that never ends, one byte a second, each noting when it was closed'
        byte[] head = "GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ${'a' * 1000}".bytes
        Map<Socket, Long> opened = new ConcurrentHashMap<>()
        Map<Socket, Long> closedAfter = new ConcurrentHashMap<>()
        slow.times {
            long connecting = System.nanoTime() // before connecting: the deadline cannot start earlier on either engine
            def socket = new Socket(InetAddress.getLoopbackAddress(), junction.server.port('public'))
            opened[socket] = connecting
            int[] next = [0]
            trickle.scheduleAtFixedRate({
                try {
                    socket.outputStream.write(head[next[0]++ % head.length])
                } catch (IOException closed) { }
            }, 0, 1, TimeUnit.SECONDS)
            Thread.start {
                try {
                    while (socket.inputStream.read() >= 0) { }
                } catch (IOException reset) { }
                closedAfter[socket] = (System.nanoTime() - opened[socket]).intdiv(1_000_000)
                socket.close()
            }
        }

        when: 'a normal client asks while they trickle'
        def statuses = (1..20).collect { junction.get('/').statusCode() }

        then: 'it is answered every time'
        statuses.every { it == 200 }

        and: 'every slow connection is closed at the deadline, none before it'
        new PollingConditions(timeout: 30).eventually {
            assert closedAfter.size() == slow
        }
        closedAfter.values().min() >= HEADER_TIMEOUT_MS - 100
        closedAfter.values().max() <= HEADER_TIMEOUT_MS + 10_000

        where:
        slow = 300
    }
}
