package io.junction.core.pool;

import io.junction.core.model.ConnectionLimits;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests of one pool that wait because every backend they may use is at its connection limit, at most
 * {@link ConnectionLimits#queue()} of them, first come first woken. Each request that ends in the pool wakes one
 * waiter. Lock-free; shared by the I/O threads of one pool of one generation.
 */
public final class ConnectionQueue {

    private final int capacity;
    private final ConcurrentLinkedQueue<Waiter> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    ConnectionQueue(ConnectionLimits limits) {
        this.capacity = limits.queue();
    }

    /** One waiting request; it leaves the queue exactly once: woken, or {@link #withdraw withdrawn}. */
    public static final class Waiter {
        private final AtomicBoolean settled = new AtomicBoolean();
        private final Runnable onRoom;

        /** @param onRoom run (on the thread that freed the room) when the waiter is woken */
        public Waiter(Runnable onRoom) {
            this.onRoom = onRoom;
        }

        /** @return true for the one caller that settles this waiter */
        public boolean settle() {
            return settled.compareAndSet(false, true);
        }
    }

    /** @return false, queueing nothing, when the queue is full */
    public boolean offer(Waiter waiter) {
        while (true) {
            int now = size.get();
            if (now >= capacity) {
                return false;
            }
            if (size.compareAndSet(now, now + 1)) {
                waiting.add(waiter);
                return true;
            }
        }
    }

    /** Takes a waiter out that its owner settled (timed out, or found room by itself). */
    public void withdraw(Waiter waiter) {
        if (waiting.remove(waiter)) {
            size.decrementAndGet();
        }
    }

    public int size() {
        return size.get();
    }

    /** A request of the pool ended: wakes the first waiter that nobody settled yet. */
    void roomFreed() {
        if (size.get() == 0) {
            return;
        }
        Waiter waiter;
        while ((waiter = waiting.poll()) != null) {
            size.decrementAndGet();
            if (waiter.settle()) {
                waiter.onRoom.run();
                return;
            }
        }
    }
}
