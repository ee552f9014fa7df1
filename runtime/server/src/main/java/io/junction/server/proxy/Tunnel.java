package io.junction.server.proxy;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The bytes of an upgraded exchange (101), both ways between the client's connection and the backend's until both
 * sides ended, with backpressure: a side that cannot take more stops reads on the other. An error on either side
 * closes both. The client connection's idle timeout is {@code ListenerRoot}'s (TunnelIdleTimeout): its close ends
 * this.
 */
final class Tunnel {

    private final StreamConnection client;
    private final BackendLink backend;
    private int open = 2;
    private Direction up;
    private Direction down;

    private Tunnel(StreamConnection client, BackendLink backend) {
        this.client = client;
        this.backend = backend;
    }

    /** @param early bytes the backend sent after its 101 head, passed on first */
    static void open(StreamConnection client, BackendLink backend, ByteBuffer early, ByteBufferPool buffers) {
        Tunnel tunnel = new Tunnel(client, backend);
        StreamConnection server = backend.connection();
        tunnel.up = tunnel.new Direction(client.getSourceChannel(), server.getSinkChannel(), buffers.allocate(), null);
        tunnel.down = tunnel.new Direction(server.getSourceChannel(), client.getSinkChannel(), buffers.allocate(), early);
        tunnel.up.pump();
        tunnel.down.pump();
    }

    private void ended() {
        if (--open == 0) {
            close();
        }
    }

    private void close() {
        open = 0;
        up.release();
        down.release();
        IoUtils.safeClose(client);
        backend.close();
    }

    /** One way: read into a buffer, write it out, read again once it is all out. */
    private final class Direction {
        private final ConduitStreamSourceChannel source;
        private final ConduitStreamSinkChannel sink;
        private final PooledByteBuffer pooled;
        private final ByteBuffer buffer;
        private boolean done;

        Direction(ConduitStreamSourceChannel source, ConduitStreamSinkChannel sink, PooledByteBuffer pooled, ByteBuffer early) {
            this.source = source;
            this.sink = sink;
            this.pooled = pooled;
            this.buffer = pooled.getBuffer();
            buffer.clear();
            if (early != null) {
                buffer.put(early);
            }
            buffer.flip();
            source.getReadSetter().set(channel -> pump());
            sink.getWriteSetter().set(channel -> pump());
        }

        void pump() {
            if (done) {
                return;
            }
            try {
                while (true) {
                    if (buffer.hasRemaining()) {
                        sink.write(buffer);
                        if (buffer.hasRemaining()) {
                            source.suspendReads();
                            sink.resumeWrites();
                            return;
                        }
                    }
                    buffer.clear();
                    int n = source.read(buffer);
                    buffer.flip();
                    if (n == 0) {
                        sink.suspendWrites();
                        if (!sink.flush()) {
                            sink.resumeWrites();
                        }
                        source.resumeReads();
                        return;
                    }
                    if (n < 0) {
                        // the other direction goes on until its own end
                        sink.shutdownWrites();
                        sink.flush();
                        end();
                        return;
                    }
                }
            } catch (IOException e) {
                close();
            }
        }

        private void end() {
            release();
            ended();
        }

        void release() {
            if (!done) {
                done = true;
                source.suspendReads();
                pooled.close();
            }
        }
    }
}
