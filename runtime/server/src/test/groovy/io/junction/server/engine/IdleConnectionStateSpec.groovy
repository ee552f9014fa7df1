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

import java.time.Duration

/**
 * An idle keep-alive connection holds no request state (parser, view, trace): the loop's pool gets it back when the
 * answer is written. Requests are kept in at once (heads sent in two parts), so each connection takes a state of
 * its own; once all are answered and idle, the pool must hold every one of them.
 */
class IdleConnectionStateSpec extends Specification {

    @AutoCleanup BackendAddresses addresses = new BackendAddresses(HostResolver.SYSTEM, Duration.ofSeconds(30), new Counter())
    @AutoCleanup EventLoop loop = new EventLoop('idle-state-spec', new BackendPool.Limits(1, 1000), addresses)
    @AutoCleanup EngineListener listener = new EngineListener('idle', new InetSocketAddress('127.0.0.1', 0), RespondingRoutes.routes(),
            ListenerCounts.register(new MetricRegistry(), 'idle', ConnectionSlots.total(0), 0), [loop] as EventLoop[],
            new Engine.Settings(1, 60_000, 60_000))
    List<Socket> clients = []
    def eventually = new PollingConditions(timeout: 20)

    def cleanup() {
        clients*.close()
    }

    def "#count connections whose requests were in at once hold no request state once idle: the pool keeps #count"() {
        given: 'every connection has begun a request head, so each holds a state of its own'
        count.times {
            def socket = new Socket('127.0.0.1', listener.address().port)
            socket.soTimeout = 30_000
            socket.outputStream.write(RespondingRoutes.ascii('GET / HTTP/1.1\r\n'))
            clients << socket
        }
        eventually.eventually {
            assert listener.connections() == count
        }

        when: 'each head ends and its answer is read; the connections stay open'
        clients.each {
            it.outputStream.write(RespondingRoutes.ascii('Host: a\r\n\r\n'))
            assert RespondingRoutes.answer(it).startsWith('HTTP/1.1 200')
        }

        then: 'the states all went back to the loop'
        eventually.eventually {
            assert loop.call { loop.requestStates().kept() } == count
        }
        listener.connections() == count

        where:
        count = 200
    }
}
