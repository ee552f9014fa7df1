package io.junction.server.proxy;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One connection of the Undertow engine's backend side, on one I/O thread: busy with one exchange, or idle in its
 * thread's keep-alive list. Bytes read from it wait in {@link #in} (read mode) until they are passed on; an idle
 * connection holds no buffer.
 */
final class BackendLink {

    private final BackendLinks.Key key;
    private final StreamConnection connection;
    private final BackendLinks.ThreadLinks owner;
    private PooledByteBuffer pooled;
    /** The bytes read and not passed on yet (read mode), or null while none are held. */
    private ByteBuffer in;
    private long idleSince;
    private boolean closed;

    BackendLink(BackendLinks.Key key, StreamConnection connection, BackendLinks.ThreadLinks owner) {
        this.key = key;
        this.connection = connection;
        this.owner = owner;
    }

    BackendLinks.Key key() {
        return key;
    }

    StreamConnection connection() {
        return connection;
    }

    /** The bytes read and not passed on yet; null when there are none. */
    ByteBuffer in() {
        return in;
    }

    /**
     * Reads what the backend sent after the bytes still held.
     *
     * @return bytes read, 0 when none are ready, -1 at the end of input
     */
    int read(ByteBufferPool buffers) throws IOException {
        if (in == null) {
            pooled = buffers.allocate();
            in = pooled.getBuffer();
            in.clear().flip();
        }
        in.compact();
        try {
            return connection.getSourceChannel().read(in);
        } finally {
            in.flip();
        }
    }

    /** Gives the buffer back when everything read was passed on. */
    void releaseInputIfEmpty() {
        if (in != null && !in.hasRemaining()) {
            in = null;
            pooled.close();
            pooled = null;
        }
    }

    boolean holdsInput() {
        return in != null && in.hasRemaining();
    }

    void idle(long now) {
        idleSince = now;
    }

    long idleSince() {
        return idleSince;
    }

    boolean isOpen() {
        return !closed && connection.isOpen();
    }

    /** Closes the connection and gives its buffer back; a second call does nothing. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pooled != null) {
            in = null;
            pooled.close();
            pooled = null;
        }
        IoUtils.safeClose(connection);
        owner.closed(this);
    }
}
