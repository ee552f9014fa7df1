package io.junction.server.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A socket on one event loop and the bytes read from it but not yet used. Read interest stays armed;
 * write interest is added only after a partial write, and read interest is taken away only while the
 * bytes already read cannot be passed on (backpressure): no interest change on the normal path.
 */
abstract class Connection extends RegisteredSocket {

    /** Reads per readiness event at most (1 MiB of large buffers), so one sender cannot keep the loop from the rest. */
    static final int READS_PER_EVENT = 16;

    final EventLoop loop;
    /** Bytes read and not yet used, between position and limit; null while there are none. */
    ByteBuffer in;
    /** The last read filled the buffer: the peer is sending more than a buffer holds (a bulk body). */
    private boolean filled;

    Connection(EventLoop loop) {
        this.loop = loop;
    }

    void attach(SocketChannel channel, int ops) throws IOException {
        register(loop, channel, ops);
    }

    /**
     * Reads what the socket has into {@link #in} after the bytes already there; into a large buffer when the
     * last read filled its buffer.
     *
     * @return bytes read, 0 when {@link #in} is full or nothing was ready, -1 at end of stream
     */
    int read() throws IOException {
        if (in == null) {
            in = filled ? loop.buffers().takeLarge() : loop.buffers().take();
        }
        int position = in.position();
        if (in.limit() == in.capacity()) {
            if (position == 0) {
                return 0;
            }
            in.compact().flip();
            position = 0;
        }
        in.position(in.limit()).limit(in.capacity());
        int n;
        try {
            n = channel.read(in);
            filled = n > 0 && !in.hasRemaining();
        } finally {
            in.limit(in.position()).position(position);
        }
        return n;
    }

    /**
     * Whether another read at once is worth its syscall: the last one filled the buffer, so the socket likely has
     * more, and what it read was all passed on. A read that did not fill the buffer took all there was, and the
     * selector (level-triggered) reports what arrives next.
     *
     * @param reads reads made in this readiness event so far
     */
    boolean readAgain(int reads) {
        return reads < READS_PER_EVENT && filled && in == null && open();
    }

    /** Gives the input buffer back when it holds nothing. */
    void releaseInputIfEmpty() {
        if (in != null && !in.hasRemaining()) {
            in = loop.buffers().give(in);
        }
    }

    /**
     * Writes what is left of {@code head} (may be null), then up to {@code count} bytes of {@code body}
     * from its position (the position advances over what was written).
     *
     * @return whether everything offered was written
     */
    boolean write(ByteBuffer head, ByteBuffer body, int count) throws IOException {
        boolean hasHead = head != null && head.hasRemaining();
        if (count <= 0) {
            if (hasHead) {
                channel.write(head);
            }
            return !hasHead || !head.hasRemaining();
        }
        int limit = body.limit();
        body.limit(body.position() + count);
        try {
            if (hasHead) {
                ByteBuffer[] pair = loop.gatherPair();
                pair[0] = head;
                pair[1] = body;
                channel.write(pair);
                pair[0] = null;
                pair[1] = null;
            } else {
                channel.write(body);
            }
            return !body.hasRemaining() && (!hasHead || !head.hasRemaining());
        } finally {
            body.limit(limit);
        }
    }

    boolean open() {
        return channel != null && channel.isOpen();
    }

    /** Closes the socket and gives its buffer back; safe to call twice. */
    void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
        if (in != null) {
            in.clear().limit(0);
            in = loop.buffers().give(in);
        }
    }
}
