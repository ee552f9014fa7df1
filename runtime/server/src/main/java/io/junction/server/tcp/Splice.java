package io.junction.server.tcp;

import com.codahale.metrics.Counter;
import io.undertow.connector.PooledByteBuffer;
import org.xnio.ChannelListener;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;

/**
 * One direction of a tcp session: reads from one connection and writes to the other, on the session's I/O thread.
 * A read's bytes are written at once from the thread's read buffer ({@link SpliceBuffers}); a buffer is held only
 * while the receiving side cannot take them: reads are suspended until they are written (backpressure, so a slow
 * reader never makes Junction buffer more), and an idle splice holds no buffer at all.
 * End of input is passed on as a write shutdown (FIN) while the other direction keeps flowing.
 * The splice is its own listener for both of its channels (one object fewer per event kind and connection).
 */
final class Splice implements ChannelListener<Channel> {

    /** Reads per readiness event, so that one fast sender cannot keep the thread from its other connections. */
    private static final int READS_PER_EVENT = 16;

    private final TcpSession session;
    private final StreamSourceChannel source;
    private final StreamSinkChannel sink;
    private final SpliceBuffers buffers;
    private final Counter received;
    private final Counter forwarded;
    private PooledByteBuffer pending;
    private boolean ended;

    /**
     * @param received counts the bytes read from {@code source}
     * @param forwarded counts them again, as the other side's metric (a listener's bytes in are a backend's bytes out)
     */
    Splice(TcpSession session, StreamSourceChannel source, StreamSinkChannel sink, SpliceBuffers buffers,
           Counter received, Counter forwarded) {
        this.session = session;
        this.source = source;
        this.sink = sink;
        this.buffers = buffers;
        this.received = received;
        this.forwarded = forwarded;
    }

    /** Starts moving bytes, {@code first} (already read from the source, ready to write; may be null) before the rest. */
    void start(PooledByteBuffer first) {
        source.getReadSetter().set(this);
        sink.getWriteSetter().set(this);
        if (first != null) {
            received.inc(first.getBuffer().remaining());
            forwarded.inc(first.getBuffer().remaining());
            pending = first;
            if (!drain()) {
                return;
            }
        }
        source.resumeReads();
    }

    /** The source is readable or the sink writable. */
    @Override
    public void handleEvent(Channel channel) {
        if (channel == source) {
            readable();
        } else {
            writable();
        }
    }

    /** Returns a buffer still held; the session is closing. */
    void release() {
        if (pending != null) {
            pending.close();
            pending = null;
        }
    }

    private void readable() {
        for (int i = 0; i < READS_PER_EVENT && !session.closed(); i++) {
            ByteBuffer buffer = buffers.readBuffer();
            int read;
            try {
                read = source.read(buffer);
            } catch (IOException e) {
                session.broke(this, true);
                return;
            }
            if (read <= 0) {
                if (read < 0) {
                    endOfInput();
                }
                return;
            }
            received.inc(read);
            forwarded.inc(read);
            session.transferred(this);
            boolean shortRead = buffer.hasRemaining();
            buffer.flip();
            if (!writeOut(buffer)) {
                if (!session.closed()) {
                    pending = buffers.keep(buffer);
                }
                return;
            }
            if (shortRead) {
                // a read that did not fill the buffer took all there was: the selector (level-triggered) reports
                // what arrives next, so reading again now would only cost a read that finds nothing
                return;
            }
        }
    }

    private void writable() {
        if (pending != null && !drain()) {
            return;
        }
        if (ended) {
            flushShutdown();
            return;
        }
        sink.suspendWrites();
        source.resumeReads();
        readable();
    }

    /** Writes the pending buffer out and gives it back, unless the receiving side is still full. */
    private boolean drain() {
        if (!writeOut(pending.getBuffer())) {
            return false;
        }
        release();
        return true;
    }

    /**
     * Writes {@code buffer} out; when the receiving side is full, suspends reads and waits for it to be writable.
     *
     * @return true when everything was written; false also when the write failed (the session is then closed)
     */
    private boolean writeOut(ByteBuffer buffer) {
        try {
            while (buffer.hasRemaining()) {
                if (sink.write(buffer) == 0) {
                    source.suspendReads();
                    sink.resumeWrites();
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            session.broke(this, false);
            return false;
        }
    }

    private void endOfInput() {
        ended = true;
        source.suspendReads();
        try {
            sink.shutdownWrites();
        } catch (IOException e) {
            session.broke(this, false);
            return;
        }
        flushShutdown();
    }

    private void flushShutdown() {
        try {
            if (sink.flush()) {
                sink.suspendWrites();
                session.finished(this);
            } else {
                sink.resumeWrites();
            }
        } catch (IOException e) {
            session.broke(this, false);
        }
    }
}
