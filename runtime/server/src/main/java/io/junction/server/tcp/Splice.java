package io.junction.server.tcp;

import com.codahale.metrics.Counter;
import io.junction.server.engine.BufferPool;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One direction of a tcp session: reads from one socket and writes to the other, on the session's event loop.
 * A read goes into a large buffer of the loop's pool and is written out at once; the buffer goes back to the pool when
 * the receiving side took it all, as it nearly always does. Only the rest it did not take is kept, and reads stop until
 * it is written (backpressure, so a slow reader never makes Junction buffer more): an idle splice holds no buffer.
 * End of input is passed on as a write shutdown (FIN) while the other direction keeps flowing.
 */
final class Splice {

    /** Reads per readiness event, so that one fast sender cannot keep the loop from its other connections. */
    private static final int READS_PER_EVENT = 16;

    private final TcpSession session;
    private final SessionSocket source;
    private final SessionSocket sink;
    private final BufferPool buffers;
    private final Counter received;
    private final Counter forwarded;
    /** Bytes read and not yet taken by the sink, or null. */
    private ByteBuffer pending;

    /**
     * @param received counts the bytes read from {@code source}
     * @param forwarded counts them again, as the other side's metric (a listener's bytes in are a backend's bytes out)
     */
    Splice(TcpSession session, SessionSocket source, SessionSocket sink, BufferPool buffers, Counter received,
           Counter forwarded) {
        this.session = session;
        this.source = source;
        this.sink = sink;
        this.buffers = buffers;
        this.received = received;
        this.forwarded = forwarded;
    }

    /** Starts moving bytes, {@code first} (already read from the source, ready to write; may be null) before the rest. */
    void start(ByteBuffer first) {
        if (first != null) {
            received.inc(first.remaining());
            forwarded.inc(first.remaining());
            if (!writeOut(first)) {
                pending = session.closed() ? buffers.give(first) : first;
                return;
            }
            buffers.give(first);
        }
        source.readInterest(true);
    }

    /** The source is readable. */
    void readable() {
        if (pending != null) {
            return;
        }
        ByteBuffer buffer = buffers.takeLarge();
        for (int i = 0; i < READS_PER_EVENT; i++) {
            int read;
            try {
                read = source.channel().read(buffer.clear());
            } catch (IOException e) {
                buffers.give(buffer);
                session.broke(this, true);
                return;
            }
            if (read <= 0) {
                buffers.give(buffer);
                if (read < 0) {
                    endOfInput();
                }
                return;
            }
            received.inc(read);
            forwarded.inc(read);
            session.transferred(this);
            boolean shortRead = buffer.hasRemaining();
            if (!writeOut(buffer.flip())) {
                keep(buffer);
                return;
            }
            if (shortRead) {
                // a read that did not fill the buffer took all there was: the selector (level-triggered) reports
                // what arrives next, so reading again now would only cost a read that finds nothing
                break;
            }
        }
        buffers.give(buffer);
    }

    /** The sink takes bytes again: writes what it did not take, then reads on. */
    void writable() {
        if (pending == null || !writeOut(pending)) {
            return;
        }
        pending = buffers.give(pending);
        sink.writeInterest(false);
        source.readInterest(true);
        readable();
    }

    /** Gives back a buffer still held; the session is closing. */
    void release() {
        pending = buffers.give(pending);
    }

    /**
     * Writes {@code buffer} out; when the receiving side is full, stops reading and waits for it to be writable.
     *
     * @return true when everything was written; false also when the write failed (the session is then closed)
     */
    private boolean writeOut(ByteBuffer buffer) {
        try {
            // a non-blocking write takes all the send buffer has room for: a second one would find it full
            sink.channel().write(buffer);
        } catch (IOException e) {
            session.broke(this, false);
            return false;
        }
        if (!buffer.hasRemaining()) {
            return true;
        }
        source.readInterest(false);
        sink.writeInterest(true);
        return false;
    }

    /** Keeps the rest of {@code buffer} the sink did not take: a few bytes in a small buffer, a large rest in itself. */
    private void keep(ByteBuffer buffer) {
        if (session.closed()) {
            buffers.give(buffer);
            return;
        }
        ByteBuffer small = buffers.take();
        if (buffer.remaining() <= small.capacity()) {
            small.clear();
            small.put(buffer).flip();
            buffers.give(buffer);
            pending = small;
        } else {
            buffers.give(small);
            pending = buffer;
        }
    }

    private void endOfInput() {
        source.readInterest(false);
        try {
            sink.channel().shutdownOutput();
        } catch (IOException e) {
            session.broke(this, false);
            return;
        }
        session.finished(this);
    }
}
