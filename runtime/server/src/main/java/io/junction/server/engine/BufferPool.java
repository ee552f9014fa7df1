package io.junction.server.engine;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One event loop's direct buffers. A connection takes one only while it has bytes to hold and gives
 * it back as soon as it is empty, so an idle connection holds none.
 */
final class BufferPool {

    static final int BUFFER_SIZE = 16 * 1024;
    private static final int MAX_KEPT = 1024;

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

    /** An empty buffer in read mode (position = limit = 0). */
    ByteBuffer take() {
        ByteBuffer buffer = free.pollLast();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        }
        buffer.limit(0);
        return buffer;
    }

    /** @return null, for {@code buffer = pool.give(buffer)} */
    ByteBuffer give(ByteBuffer buffer) {
        if (buffer != null && buffer.capacity() == BUFFER_SIZE && free.size() < MAX_KEPT) {
            buffer.clear();
            free.addLast(buffer);
        }
        return null;
    }
}
