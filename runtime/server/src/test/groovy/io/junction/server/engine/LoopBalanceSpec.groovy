package io.junction.server.engine

import com.codahale.metrics.Counter
import com.codahale.metrics.MetricRegistry
import io.junction.core.http.ConnectionSlots
import io.junction.server.metrics.ListenerCounts
import io.junction.server.resolve.BackendAddresses
import io.junction.server.resolve.HostResolver
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

import java.nio.channels.SocketChannel
import java.time.Duration
import java.util.concurrent.ConcurrentHashMap

/**
 * SO_REUSEPORT's hash decides which loop accepts a connection; the loop that serves it is the accepting one unless
 * another serves at least two fewer. A loop emptied of its connections therefore takes every new connection until it
 * has caught up, whichever socket the kernel queued them on.
 */
class LoopBalanceSpec extends Specification {

    @AutoCleanup BackendAddresses addresses = new BackendAddresses(HostResolver.SYSTEM, Duration.ofSeconds(30), new Counter())
    @AutoCleanup EventLoop first = new EventLoop('balance-spec-0', new BackendPool.Limits(1, 1000), addresses)
    @AutoCleanup EventLoop second = new EventLoop('balance-spec-1', new BackendPool.Limits(1, 1000), addresses)
    EventLoop[] loops = [first, second] as EventLoop[]
    List<Socket> clients = []
    def eventually = new PollingConditions(timeout: 20)

    def cleanup() {
        clients*.close()
    }

    def "a loop that lost its #opened connections takes the next #next, whichever loop accepted them, on its own thread"() {
        given: 'connections served by the loop that took them, the client port telling which'
        Map<Integer, EventLoop> servedBy = new ConcurrentHashMap<>()
        Map<Integer, SocketChannel> channels = new ConcurrentHashMap<>()
        List<String> wrongThread = [].asSynchronized()
        def slots = ConnectionSlots.total(0).listener(0)
        ListeningSockets.Accepted record = { EventLoop loop, SocketChannel channel ->
            int port = ((InetSocketAddress) channel.remoteAddress).port
            if (!loop.inLoop()) {
                wrongThread << "$port on ${Thread.currentThread().name}"
            }
            channels[port] = channel
            servedBy[port] = loop
        }
        def sockets = new ListeningSockets('balance', new InetSocketAddress('127.0.0.1', 0), loops, slots, {}, record)
        connect(sockets, opened)
        eventually.eventually {
            assert servedBy.size() == opened
        }

        when: 'every connection of the loop that serves fewer closes'
        def emptied = loops.min { loop -> servedBy.values().count { it.is(loop) } }
        def other = loops.find { !it.is(emptied) }
        servedBy.findAll { it.value.is(emptied) }.keySet().each { port ->
            emptied.call { channels.remove(port).close(); sockets.closed(emptied) }
            servedBy.remove(port)
        }
        def ports = connect(sockets, next)
        eventually.eventually {
            assert servedBy.keySet().containsAll(ports)
        }

        then: 'the other loop still serves at least half of the first ones, and none of the new ones'
        other.clients() >= opened.intdiv(2)
        ports.every { servedBy[it].is(emptied) }
        emptied.clients() == next
        wrongThread.isEmpty()

        cleanup:
        sockets?.close()
        channels.values()*.close()

        where:
        opened | next
        60     | 20
    }

    def "connections opened and closed through a listener leave #count places and #count slots behind: none"() {
        given:
        def counts = ListenerCounts.register(new MetricRegistry(), 'balance', ConnectionSlots.total(0), 0)
        def listener = new EngineListener('balance', new InetSocketAddress('127.0.0.1', 0), RespondingRoutes.routes(), counts, loops,
                new Engine.Settings(1, 60_000, 60_000))

        when: 'each connection is answered, so it was adopted by its loop'
        count.times {
            def socket = new Socket('127.0.0.1', listener.address().port)
            socket.soTimeout = 30_000
            socket.outputStream.write(RespondingRoutes.ascii('GET / HTTP/1.1\r\nHost: a\r\n\r\n'))
            assert RespondingRoutes.answer(socket).startsWith('HTTP/1.1 200')
            clients << socket
        }

        then: 'spread within two of each other'
        Math.abs(first.clients() - second.clients()) <= 2
        first.clients() + second.clients() == count

        when:
        clients*.close()

        then: 'every close gave back its place on its loop and its slot'
        eventually.eventually {
            assert first.clients() == 0
            assert second.clients() == 0
            assert listener.connections() == 0
        }

        cleanup:
        listener?.close()

        where:
        count = 40
    }

    /** Opens {@code count} connections to the sockets; returns their local ports. */
    private List<Integer> connect(ListeningSockets sockets, int count) {
        (1..count).collect {
            def socket = new Socket('127.0.0.1', sockets.address().port)
            clients << socket
            socket.localPort
        }
    }
}
