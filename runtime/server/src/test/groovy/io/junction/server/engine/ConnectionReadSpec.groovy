package io.junction.server.engine

import com.codahale.metrics.Counter
import io.junction.server.resolve.BackendAddresses
import io.junction.server.resolve.HostResolver
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

import java.io.IOException
import java.nio.ByteBuffer
import java.nio.channels.ServerSocketChannel
import java.nio.channels.SocketChannel
import java.time.Duration

class ConnectionReadSpec extends Specification {

    @AutoCleanup BackendAddresses addresses = new BackendAddresses(HostResolver.SYSTEM, Duration.ofSeconds(30), new Counter())
    @AutoCleanup EventLoop loop = new EventLoop('connection-read-spec', new BackendPool.Limits(1, 1000), addresses)
    @AutoCleanup ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress('127.0.0.1', 0))
    @AutoCleanup SocketChannel peer = SocketChannel.open(server.localAddress)
    @AutoCleanup('closeChannel') Connection connection = new Connection(loop) {
        @Override
        void ready(int readyOps) throws IOException {
        }

        @Override
        void failed(Exception e) {
        }
    }
    def eventually = new PollingConditions(timeout: 10)

    def setup() {
        connection.channel = server.accept()
        connection.channel.configureBlocking(false)
    }

    /** Writes from another thread: the receiving side reads only part of a large send, so the write may block. */
    Thread send(int bytes) {
        Thread.start {
            try {
                peer.write(ByteBuffer.wrap(new byte[bytes]))
            } catch (IOException ignored) {
                // the spec closed the peer before it had sent all
            }
        }
    }

    def "after #sent bytes, the next read takes a #nextCapacity-byte buffer and reading again at once is #again"() {
        given: 'the peer sends its bytes'
        def writer = send(sent)

        when: 'the connection reads until its first buffer holds all it can'
        int wanted = Math.min(sent, BufferPool.BUFFER_SIZE)
        eventually.eventually {
            connection.read()
            assert connection.in.remaining() == wanted
        }

        and: 'passes those bytes on'
        connection.in.position(connection.in.limit())
        connection.releaseInputIfEmpty()

        then:
        connection.readAgain(1) == again
        !connection.readAgain(Connection.READS_PER_EVENT)

        when:
        connection.read()

        then:
        connection.in.capacity() == nextCapacity

        cleanup:
        peer.close()
        writer?.join(10_000)

        where:
        sent    || nextCapacity               | again
        100     || BufferPool.BUFFER_SIZE       | false
        BufferPool.BUFFER_SIZE - 1 || BufferPool.BUFFER_SIZE | false
        200_000 || BufferPool.LARGE_BUFFER_SIZE | true
    }

    def "a read that finds unread bytes in its buffer does not read again at once"() {
        given:
        def writer = send(200_000)

        when:
        eventually.eventually {
            connection.read()
            assert connection.in.remaining() == BufferPool.BUFFER_SIZE
        }

        then: 'the bytes were not passed on (the receiving side is full): the next read waits for them'
        !connection.readAgain(1)

        cleanup:
        peer.close()
        writer?.join(10_000)
    }
}
