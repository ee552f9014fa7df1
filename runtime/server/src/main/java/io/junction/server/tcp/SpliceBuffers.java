package io.junction.server.tcp;

import io.junction.server.http.ThreadLocalBufferPool;
import io.undertow.connector.PooledByteBuffer;

/**
 * The tcp listeners' direct buffers: a small one for a read, a large one for a read that follows a read that filled
 * its buffer (a bulk transfer then takes a quarter of the reads, writes and selector turns). A splice holds one only
 * while its bytes wait for the receiving side, so an idle connection holds none.
 */
final class SpliceBuffers implements AutoCloseable {

    private static final int SMALL = 16 * 1024;
    private static final int LARGE = 64 * 1024;

    private final ThreadLocalBufferPool small = new ThreadLocalBufferPool(true, SMALL, 1024);
    /** Few connections are bulk at once: a shorter list of the large ones is kept. */
    private final ThreadLocalBufferPool large = new ThreadLocalBufferPool(true, LARGE, 64);

    /** @param bulk the last read from this source filled its buffer */
    PooledByteBuffer allocate(boolean bulk) {
        return (bulk ? large : small).allocate();
    }

    @Override
    public void close() {
        small.close();
        large.close();
    }
}
