package io.junction.server.engine

import com.codahale.metrics.Counter
import com.codahale.metrics.MetricRegistry
import io.junction.api.Backend
import io.junction.api.Balancer
import io.junction.api.BalancingStrategy
import io.junction.api.Candidates
import io.junction.api.PoolContext
import io.junction.api.RequestView
import io.junction.core.forward.UpstreamPolicy
import io.junction.core.http.ConnectionSlots
import io.junction.core.model.Action
import io.junction.core.model.BackendAddress
import io.junction.core.model.BackendSpec
import io.junction.core.model.PoolSpec
import io.junction.core.model.RouteSpec
import io.junction.core.model.SourceLocation
import io.junction.core.pool.BackendStates
import io.junction.core.pool.LeaseListener
import io.junction.core.pool.Pool
import io.junction.core.routing.RouteTable
import io.junction.server.metrics.ListenerCounts
import io.junction.server.resolve.BackendAddresses
import io.junction.server.resolve.HostResolver
import spock.lang.AutoCleanup
import spock.lang.Specification

import java.nio.ByteBuffer
import java.nio.channels.SelectionKey
import java.nio.channels.ServerSocketChannel
import java.nio.channels.SocketChannel
import java.time.Duration
import java.util.concurrent.CountDownLatch
import java.util.concurrent.LinkedBlockingQueue

import static java.util.concurrent.TimeUnit.SECONDS

/**
 * A request head the loop reads goes to its backend, and a response head to its client, once every event of the turn
 * has been handled. The loop is held while the message and then a probe socket's byte arrive, so both come in one
 * turn and the selector reports them in that order (the order they became ready): when the probe is handled the
 * message must be in (its write waiting) and the peer must have nothing yet. A turn that reported the probe first says
 * nothing, and is tried again.
 */
class TurnWritesSpec extends Specification {

    static final SourceLocation HERE = new SourceLocation('TurnWritesSpec', 1, 1)
    static final byte[] REQUEST = RespondingRoutes.ascii('GET / HTTP/1.1\r\nHost: a\r\n\r\n')
    static final byte[] RESPONSE = RespondingRoutes.ascii('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    static final int TRIES = 50

    @AutoCleanup BackendAddresses addresses = new BackendAddresses(HostResolver.SYSTEM, Duration.ofSeconds(30), new Counter())
    @AutoCleanup EventLoop loop = new EventLoop('turn-writes-spec', new BackendPool.Limits(4, 60_000), addresses)
    @AutoCleanup ServerSocket backendServer = new ServerSocket(0, 50, InetAddress.loopbackAddress)
    @AutoCleanup ServerSocketChannel probeServer = ServerSocketChannel.open().bind(new InetSocketAddress('127.0.0.1', 0))
    @AutoCleanup EngineListener listener
    @AutoCleanup Socket client
    /** The proxy's backend connection, as the backend accepted it. */
    @AutoCleanup Socket backend
    @AutoCleanup SocketChannel probePeer
    def probed = new LinkedBlockingQueue<Map>()

    def setup() {
        def pool = new Pool(PoolSpec.builder('turn')
                .backends([new BackendSpec(BackendAddress.parse("http://127.0.0.1:$backendServer.localPort"), 1, HERE)])
                .location(HERE).build(), new BackendStates(), FIRST_BACKEND, LeaseListener.NONE)
        def policy = new UpstreamPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30), 0)
        def table = RouteTable.compile([], RouteSpec.catchAll(new Action.Forward('turn', HERE), HERE),
                { route -> RouteActions.of(route, { pool }, { policy }) })
        listener = new EngineListener('turn', new InetSocketAddress('127.0.0.1', 0), RespondingRoutes.routes(table),
                ListenerCounts.register(new MetricRegistry(), 'turn', ConnectionSlots.total(0), 0), [loop] as EventLoop[],
                new Engine.Settings(4, 60_000, 60_000))
        client = new Socket('127.0.0.1', listener.address().port)
        client.soTimeout = 10_000
        backendServer.soTimeout = 10_000

        // the first exchange opens the backend connection that the next ones take from the keep-alive pool
        client.outputStream.write(REQUEST)
        backend = backendServer.accept()
        backend.soTimeout = 10_000
        receiveRequest()
        backend.outputStream.write(RESPONSE)
        receiveResponse()

        probePeer = SocketChannel.open(probeServer.localAddress)
        SocketChannel probe = probeServer.accept()
        loop.call { loop.register(probe, SelectionKey.OP_READ, prober(probe)) }
    }

    def "a #message read in a turn goes to the #peer after the turn's other events"() {
        when: 'the message and then the probe arrive while the loop is held, until the loop takes them in that order'
        Map probe
        int tries = 0
        do {
            probe = message == 'request' ? requestInOneTurn() : responseInOneTurn()
        } while (++tries < TRIES && probe.waiting == 0 && probe[peer] == 0)

        then: 'when the probe was handled, the message was in, its write waiting, and the peer had received nothing'
        probe.waiting == 1
        probe[peer] == 0

        where:
        message    || peer
        'request'  || 'backend'
        'response' || 'client'
    }

    def "#count requests pipelined in one write go to the backend one after the other's response, all answered in order"() {
        when: 'they arrive together; the backend answers each as it gets it'
        client.outputStream.write(RespondingRoutes.ascii(new String(REQUEST, "US-ASCII") * count))
        count.times {
            receiveRequest()
            assert backend.inputStream.available() == 0: 'the next request came before this one was answered'
            backend.outputStream.write(RESPONSE)
        }

        then: 'the client reads every response, in order, and nothing more is waiting'
        count.times { receiveResponse() }
        client.inputStream.available() == 0

        where:
        count = 3
    }

    /** Request 2 arrives in the probe's turn; the exchange then completes. */
    private Map requestInOneTurn() {
        def probe = inOneTurn { client.outputStream.write(REQUEST) }
        receiveRequest()
        backend.outputStream.write(RESPONSE)
        receiveResponse()
        probe
    }

    /** The response arrives in the probe's turn; the exchange then completes. */
    private Map responseInOneTurn() {
        client.outputStream.write(REQUEST)
        receiveRequest()
        def probe = inOneTurn { backend.outputStream.write(RESPONSE) }
        receiveResponse()
        probe
    }

    /** Holds the loop in a task while {@code arrive} and then the probe's byte come in, and returns what the probe saw. */
    private Map inOneTurn(Closure arrive) {
        def held = new CountDownLatch(1)
        def release = new CountDownLatch(1)
        loop.execute {
            held.countDown()
            release.await(10, SECONDS)
        }
        assert held.await(10, SECONDS)
        arrive()
        probePeer.write(ByteBuffer.wrap([1] as byte[]))
        release.countDown()
        def probe = probed.poll(10, SECONDS)
        assert probe != null: 'the probe was not handled'
        probe
    }

    /** Reads the probe's byte and records the turn's waiting writes and the bytes each peer has. */
    private IoHandler prober(SocketChannel probe) {
        [ready : { int ops ->
            probe.read(ByteBuffer.allocate(8))
            probed << [waiting: loop.turnWritesWaiting(), backend: backend.inputStream.available(),
                       client : client.inputStream.available()]
        }, failed: { Exception e -> probed << [failed: e] }] as IoHandler
    }

    /** Reads a forwarded head (the request line and Host, then the forwarding fields) to its end. */
    private void receiveRequest() {
        assert RespondingRoutes.readUntil(backend, '\r\n\r\n').startsWith('GET / HTTP/1.1\r\n')
    }

    private void receiveResponse() {
        assert RespondingRoutes.readUntil(client, '\r\n\r\nok').startsWith('HTTP/1.1 200')
    }

    static final BalancingStrategy FIRST_BACKEND = new BalancingStrategy() {
        String id() { 'first' }

        Balancer create(PoolContext pool) {
            { Candidates candidates, RequestView request -> candidates.get(0) } as Balancer
        }
    }
}
