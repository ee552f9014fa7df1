package io.junction.e2e.logging

import io.junction.e2e.Junction
import io.junction.server.testing.LogCapture
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Path

/** 502s are logged with pool, backend and reason, rate-limited: a burst is one line and a summary of the rest. */
class UpstreamTroubleLogSpec extends Specification {

    @TempDir Path dir
    @AutoCleanup LogCapture log = LogCapture.of('io.junction.server.logging.UpstreamTroubleLog')

    def "a burst of #burst 502s logs one line naming pool, backend and reason, then one summary"() {
        given:
        // a pool per row, so a summary the previous row's window still owes is not read as this row's
        String pool = "burst-$burst-" + Junction.ENGINE
        int refused = Junction.refusedPort()
        def junction = new Junction(dir, ['dead.groovy': """pool('$pool') {
    backend 'http://127.0.0.1:$refused'
    eject failures: 0
}
http('public', port: 0, bind: '127.0.0.1') {
    otherwise { forward '$pool' }
}
"""])

        when: 'the requests are sent at once, so all of them fail within the same second'
        def responses = (1..burst).collect {
            junction.client.sendAsync(HttpRequest.newBuilder(junction.uri('public', "/$it")).build(), HttpResponse.BodyHandlers.ofString())
        }*.join()

        then:
        responses*.statusCode().every { it == 502 }
        new PollingConditions(timeout: 10).eventually {
            def ours = log.lines.findAll { it.contains("pool '$pool'") }
            assert ours.size() == (suppressed > 0 ? 2 : 1)
            assert ours[0] == "502 from pool '$pool' (backend http://127.0.0.1:$refused): bad gateway: no backend of pool '$pool' could be reached"
            assert suppressed == 0 || ours[1] == "$suppressed more 502 from pool '$pool' in the last second (one line per second per pool and status)"
        }

        cleanup:
        junction?.close()

        where:
        burst || suppressed
        20    || 19
        1     || 0
    }
}
