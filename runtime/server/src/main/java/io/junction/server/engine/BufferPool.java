package io.junction.server.engine;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One event loop's direct buffers. A connection takes one only while it has bytes to hold and gives
 * it back as soon as it is empty, so an idle connection holds none. Most messages fit a small buffer;
 * a sender that fills one gets a large one next, so a bulk transfer takes a quarter of the reads and
 * writes (and of the event loop turns) that small buffers would cost.
 */
public final class BufferPool {

    static final int BUFFER_SIZE = 16 * 1024;
    static final int LARGE_BUFFER_SIZE = 64 * 1024;
    private static final int MAX_KEPT = 1024;
    /** Few transfers are bulk at once; more large buffers than this are left to the collector. */
    private static final int MAX_KEPT_LARGE = 64;

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private final ArrayDeque<ByteBuffer> freeLarge = new ArrayDeque<>();

    /** An empty buffer in read mode (position = limit = 0). */
    public ByteBuffer take() {
        return take(free, BUFFER_SIZE);
    }

    /** An empty large buffer in read mode, for a sender that filled the last buffer. */
    public ByteBuffer takeLarge() {
        return take(freeLarge, LARGE_BUFFER_SIZE);
    }

    private static ByteBuffer take(ArrayDeque<ByteBuffer> kept, int size) {
        // newest first: the buffer used last is likely still in the CPU's caches
        ByteBuffer buffer = kept.pollLast();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(size);
        }
        buffer.limit(0);
        return buffer;
    }

    /** @return null, for {@code buffer = pool.give(buffer)} */
    public ByteBuffer give(ByteBuffer buffer) {
        if (buffer == null || !buffer.isDirect()) {
            return null;
        }
        if (buffer.capacity() == BUFFER_SIZE && free.size() < MAX_KEPT) {
            free.addLast(buffer.clear());
        } else if (buffer.capacity() == LARGE_BUFFER_SIZE && freeLarge.size() < MAX_KEPT_LARGE) {
            freeLarge.addLast(buffer.clear());
        }
        return null;
    }
}
