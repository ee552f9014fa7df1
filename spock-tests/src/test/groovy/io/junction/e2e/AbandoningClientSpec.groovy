package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.charset.StandardCharsets
import java.nio.file.Path

/** A client that leaves in the middle of its request is no fault of the backend: it must never eject it. */
class AbandoningClientSpec extends Specification {

    @TempDir Path dir
    @AutoCleanup('close') Junction junction
    @AutoCleanup('close') TestBackend backend = new TestBackend('web')

    def "#clients clients closing #when do not eject a backend that one failure would eject"() {
        given:
        junction = new Junction(dir, ['web.groovy': Junction.onePool("""
    backend '$backend.url'
    eject failures: 1, time: '1m'""")])
        def state = junction.server.backend(backend.url).get()

        when:
        clients.times { i ->
            new Socket(InetAddress.loopbackAddress, junction.server.port('public')).withCloseable { socket ->
                socket.outputStream.write(request.getBytes(StandardCharsets.ISO_8859_1))
                socket.outputStream.flush()
                new PollingConditions(timeout: 5).eventually { assert backend.requests.get() == i + 1 }
            }
        }

        then: 'once Junction has seen every client leave'
        new PollingConditions(timeout: 5).eventually { assert state.activeRequests() == 0 }
        state.ejection().ejectionsInRow() == 0
        junction.get('/').body() == 'web'

        where:
        when                           | clients || request
        'in the middle of the body'    | 20      || 'POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\nfirst bytes'
        'in the middle of the chunks'  | 20      || 'POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n'
    }
}
