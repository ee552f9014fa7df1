package io.junction.server.tcp;

import io.junction.server.http.ThreadLocalBufferPool;
import io.undertow.connector.PooledByteBuffer;

import java.nio.ByteBuffer;

/**
 * The tcp listeners' direct buffers. Every read goes into its I/O thread's one large read buffer, which the bytes
 * leave again at once when the receiving side takes them all, as it nearly always does: no pool lease per read, and a
 * bulk transfer moves 64 KiB per read and write. Only bytes the receiving side did not take are kept, so an idle
 * connection holds no buffer: a few in a small buffer of their own, a large rest in the read buffer itself (the thread
 * takes a fresh one).
 */
final class SpliceBuffers implements AutoCloseable {

    private static final int SMALL = 16 * 1024;
    private static final int LARGE = 64 * 1024;

    private final ThreadLocalBufferPool small = new ThreadLocalBufferPool(true, SMALL, 1024);
    /** Few connections hold a large one at once: a shorter list of them is kept. */
    private final ThreadLocalBufferPool large = new ThreadLocalBufferPool(true, LARGE, 64);
    private final ThreadLocal<PooledByteBuffer> readBuffer = ThreadLocal.withInitial(large::allocate);

    /** A small buffer of its own, for the bytes a connection reads before it is spliced. */
    PooledByteBuffer allocate() {
        return small.allocate();
    }

    /** The calling I/O thread's read buffer, empty; its bytes must be written or {@link #keep kept} before the next read. */
    ByteBuffer readBuffer() {
        return readBuffer.get().getBuffer().clear();
    }

    /** Keeps what the receiving side did not take of the calling thread's {@link #readBuffer}, to be written later. */
    PooledByteBuffer keep(ByteBuffer rest) {
        if (rest.remaining() <= SMALL) {
            PooledByteBuffer copy = small.allocate();
            copy.getBuffer().put(rest).flip();
            return copy;
        }
        PooledByteBuffer held = readBuffer.get();
        readBuffer.set(large.allocate());
        return held;
    }

    @Override
    public void close() {
        small.close();
        large.close();
    }
}
