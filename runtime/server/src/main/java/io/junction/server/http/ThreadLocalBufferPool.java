package io.junction.server.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * I/O buffers for listeners and backend connections. Each thread keeps a small stack of free
 * buffers in a plain ThreadLocal; a bounded shared queue catches the rest. Undertow 2.4's
 * DefaultByteBufferPool finds its per-thread cache in a synchronized WeakHashMap on every allocate
 * and free, which profiling showed as the largest single cost on the proxy path.
 */
public final class ThreadLocalBufferPool implements ByteBufferPool {

    private static final int PER_THREAD = 32;

    private final int bufferSize;
    private final boolean direct;
    private final int sharedMax;
    private final ThreadLocal<ArrayDeque<ByteBuffer>> local = ThreadLocal.withInitial(ArrayDeque::new);
    private final ConcurrentLinkedQueue<ByteBuffer> shared = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sharedCount = new AtomicInteger();
    private final ByteBufferPool arrayBacked;
    private volatile boolean closed;

    public ThreadLocalBufferPool(boolean direct, int bufferSize, int sharedMax) {
        this.direct = direct;
        this.bufferSize = bufferSize;
        this.sharedMax = sharedMax;
        this.arrayBacked = direct ? new ThreadLocalBufferPool(false, bufferSize, sharedMax) : this;
    }

    @Override
    public PooledByteBuffer allocate() {
        ByteBuffer buffer = local.get().pollFirst();
        if (buffer == null) {
            buffer = shared.poll();
            if (buffer != null) {
                sharedCount.decrementAndGet();
            } else {
                buffer = direct ? ByteBuffer.allocateDirect(bufferSize) : ByteBuffer.allocate(bufferSize);
            }
        }
        buffer.clear();
        return new Pooled(buffer);
    }

    private void release(ByteBuffer buffer) {
        if (closed) {
            return;
        }
        ArrayDeque<ByteBuffer> mine = local.get();
        if (mine.size() < PER_THREAD) {
            mine.addFirst(buffer);
        } else if (sharedCount.incrementAndGet() <= sharedMax) {
            shared.offer(buffer);
        } else {
            sharedCount.decrementAndGet();   // full: let the garbage collector have it
        }
    }

    @Override
    public ByteBufferPool getArrayBackedPool() {
        return arrayBacked;
    }

    @Override
    public void close() {
        closed = true;
        shared.clear();
        if (arrayBacked != this) {
            arrayBacked.close();
        }
    }

    @Override
    public int getBufferSize() {
        return bufferSize;
    }

    @Override
    public boolean isDirect() {
        return direct;
    }

    /** One lease of a buffer; closing it twice is harmless, using it after close is a bug. */
    private final class Pooled implements PooledByteBuffer {
        private ByteBuffer buffer;

        Pooled(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public ByteBuffer getBuffer() {
            ByteBuffer current = buffer;
            if (current == null) {
                throw new IllegalStateException("buffer used after it was returned to the pool");
            }
            return current;
        }

        @Override
        public void close() {
            ByteBuffer current = buffer;
            if (current != null) {
                buffer = null;
                release(current);
            }
        }

        @Override
        public boolean isOpen() {
            return buffer != null;
        }
    }
}
