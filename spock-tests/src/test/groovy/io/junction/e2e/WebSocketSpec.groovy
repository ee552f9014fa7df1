package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * WebSockets through an http listener: the JDK's client, Junction, a real WebSocket backend. After the
 * upgrade the connection is a tunnel: messages of any size pass whole both ways, a close from either end
 * reaches the other, a reload leaves it alone, and one idle for {@code junction.http.tunnel-idle-timeout} is closed.
 * On both engines; {@code tls.WebSocketTlsSpec} runs the same features over wss (an Undertow-served https listener).
 */
class WebSocketSpec extends Specification {

    static final int MIB = 1024 * 1024

    @TempDir Path dir
    @AutoCleanup('close') Junction junction
    @AutoCleanup('close') WebSocketEchoBackend a = new WebSocketEchoBackend('a')
    @AutoCleanup('close') WebSocketEchoBackend b = new WebSocketEchoBackend('b')
    List<WebSocketClient> clients = []
    def eventually = new PollingConditions(timeout: 10, delay: 0.02)

    def cleanup() {
        clients*.close()
    }

    void start(WebSocketEchoBackend backend, Map<String, String> settings = [:]) {
        junction = new Junction(dir, ['web.groovy': script(backend)], settings)
    }

    /** One pool of {@code backend} behind the listener 'public'. */
    String script(WebSocketEchoBackend backend) {
        Junction.onePool("backend '$backend.url'")
    }

    WebSocketClient open() {
        def client = new WebSocketClient(URI.create("ws://127.0.0.1:${junction.server.port('public')}/chat"))
        clients << client
        client
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size]
        new Random(size).nextBytes(bytes)
        bytes
    }

    def "a text message of #size characters goes to the backend and comes back whole"() {
        given:
        start(a)
        def client = open()
        String text = (0..<size).collect { (char) ('a' as char) + it % 26 }.join()

        when:
        client.send(text)

        then:
        client.next() == "a:$text"

        where:
        size << [1, MIB]
    }

    def "a binary message of #size bytes goes to the backend and comes back whole"() {
        given:
        start(a)
        def client = open()
        byte[] bytes = randomBytes(size)

        when:
        client.send(bytes)

        then:
        client.next() == bytes

        where:
        size << [1, MIB]
    }

    def "a close by the client reaches the backend, whose answering close comes back, and the tunnel ends"() {
        given:
        start(a)
        def client = open()
        client.send('hello')
        assert client.next() == 'a:hello'

        when:
        client.socket.sendClose(1000, 'done').get(10, TimeUnit.SECONDS)

        then:
        a.closesReceived.poll(10, TimeUnit.SECONDS) == 1000
        client.closed.get(10, TimeUnit.SECONDS) == 1000
        a.ended.poll(10, TimeUnit.SECONDS) == 'closed'
    }

    def "a close by the backend reaches the client, and the tunnel ends at both ends"() {
        given:
        start(a)
        def client = open()

        when: 'the backend is asked to close'
        client.send('close')

        then:
        client.closed.get(10, TimeUnit.SECONDS) == 1000
        a.ended.poll(10, TimeUnit.SECONDS) == 'closed'
        new PollingConditions(timeout: 10).eventually { assert client.socket.inputClosed && client.socket.outputClosed }
    }

    def "a WebSocket open across a reload keeps working with its backend; a new one goes where the new configuration says"() {
        given:
        start(a)
        def before = open()
        before.send('one')
        assert before.next() == 'a:one'

        when:
        assert junction.reload(['web.groovy': script(b)]).succeeded()
        def after = open()
        before.send('two')
        after.send('three')

        then:
        before.next() == 'a:two'
        after.next() == 'b:three'
    }

    def "a tunnel with no bytes either way for junction.http.tunnel-idle-timeout is closed at both ends; a busy one is not"() {
        given:
        long timeoutMillis = 1_000
        start(a, ['junction.http.tunnel-idle-timeout': "${timeoutMillis}ms".toString()])
        def client = open()

        when: 'messages go both ways, one every fifth of the timeout, for twice the timeout'
        long busyUntil = System.nanoTime() + 2 * timeoutMillis * 1_000_000
        int exchanged = 0
        while (System.nanoTime() - busyUntil < 0) {
            Thread.sleep(timeoutMillis.intdiv(5)) // pacing the traffic, not waiting for a result
            client.send("m$exchanged")
            assert client.next() == "a:m$exchanged"
            exchanged++
        }
        long idleSince = System.nanoTime()

        then: 'the busy tunnel was never closed'
        !client.ended
        exchanged >= 5

        and: 'once idle, it is closed at the client and at the backend, not before the timeout'
        new PollingConditions(timeout: timeoutMillis / 1000 + 5, delay: 0.02).eventually { assert client.ended }
        (System.nanoTime() - idleSince).intdiv(1_000_000) >= timeoutMillis - 100
        a.ended.poll(10, TimeUnit.SECONDS) == 'closed'
    }

    def "tunnels are counted per listener: open now and opened in all"() {
        given:
        start(a)
        def metrics = junction.server.metrics()

        when:
        def first = open()
        def second = open()
        [first, second].each { it.send('x'); assert it.next() == 'a:x' }

        then:
        eventually.eventually {
            assert metrics.gauges['junction.listener.public.active-tunnels'].value == 2
        }
        metrics.counter('junction.listener.public.tunnels').count == 2

        when:
        first.socket.sendClose(1000, 'done').get(10, TimeUnit.SECONDS)

        then:
        eventually.eventually {
            assert metrics.gauges['junction.listener.public.active-tunnels'].value == 1
        }
        metrics.counter('junction.listener.public.tunnels').count == 2
    }
}
