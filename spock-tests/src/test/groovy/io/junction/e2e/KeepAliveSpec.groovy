package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path

/** Keep-alive connections to backends are reused, and one the backend closed while idle is never a client error. */
class KeepAliveSpec extends Specification {

    @TempDir Path dir
    @AutoCleanup('close') IdleClosingBackend backend
    @AutoCleanup('close') Junction junction

    /** One I/O thread, so one keep-alive pool: connection counts are exact. */
    private void start(int backendIdleMillis) {
        backend = new IdleClosingBackend(backendIdleMillis)
        junction = new Junction(dir, ['web.groovy': Junction.onePool("backend '$backend.url'")], ['junction.io-threads': '1'])
    }

    def "requests in a row reuse one connection to the backend"() {
        given: 'a backend patient enough that a slow machine cannot make it close the connection'
        start(30_000)

        when:
        def answers = (1..20).collect { junction.get('/') }

        then:
        answers.every { it.statusCode() == 200 }
        backend.requests.get() == 20
        backend.connections.get() == 1
    }

    def "a request after the backend closed its idle keep-alive connection still succeeds (#method)"() {
        given:
        start(300)

        when: 'one request opens a keep-alive connection, which the backend then closes as idle'
        def first = RawHttp.exchange(junction.server.port('public'), "$method / HTTP/1.1\nHost: a\nContent-Length: 0\nConnection: close\n\n")
        new PollingConditions(timeout: 5).eventually { assert backend.idleCloses.get() == 1 }
        def second = RawHttp.exchange(junction.server.port('public'), "$method / HTTP/1.1\nHost: a\nContent-Length: 0\nConnection: close\n\n")

        then:
        first.status == 200
        second.status == 200
        backend.requests.get() == 2

        where:
        method << ['GET', 'POST']
    }
}
