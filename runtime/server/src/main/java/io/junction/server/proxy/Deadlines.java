package io.junction.server.proxy;

import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-request deadlines (connect, response) checked by one sweep per I/O thread every {@link #TICK_MILLIS} ms. An XNIO
 * timer per request costs a synchronized tree insert and removal on the hot path (profiled at about
 * 5% of the proxy's CPU); here arming and disarming are list links. A deadline fires up to one tick
 * late, which is fine for timeouts counted in seconds. Each thread's list is touched only by that
 * thread: calls from elsewhere are handed to it.
 */
public final class Deadlines implements AutoCloseable {

    static final long TICK_MILLIS = 100;

    private final Map<XnioIoThread, ThreadDeadlines> byThread = new ConcurrentHashMap<>();

    /** Something that must happen unless it is disarmed in time; lives on one I/O thread. */
    abstract static class Deadline {
        private final XnioIoThread thread;
        private final ThreadDeadlines list;
        private Deadline prev;
        private Deadline next;
        private long dueNanos;
        private boolean armed;

        Deadline(Deadlines deadlines, XnioIoThread thread) {
            this.thread = thread;
            this.list = deadlines.byThread.computeIfAbsent(thread, ThreadDeadlines::new);
        }

        /** The sentinel of a list. */
        private Deadline() {
            this.thread = null;
            this.list = null;
            this.prev = this;
            this.next = this;
        }

        /** Called on the deadline's I/O thread when it passes while armed. */
        abstract void expired();

        final void arm(long timeoutMillis) {
            if (Thread.currentThread() != thread) {
                thread.execute(() -> arm(timeoutMillis));
                return;
            }
            if (!armed) {
                armed = true;
                dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                list.link(this);
            }
        }

        final void disarm() {
            if (Thread.currentThread() != thread) {
                thread.execute(this::disarm);
                return;
            }
            if (armed) {
                armed = false;
                list.unlink(this);
            }
        }
    }

    /** One I/O thread's armed deadlines, in a circular list around a sentinel. */
    private static final class ThreadDeadlines {
        private final Deadline head = new Deadline() {
            @Override
            void expired() {
            }
        };
        private final XnioExecutor.Key sweeper;

        ThreadDeadlines(XnioIoThread thread) {
            sweeper = thread.executeAtInterval(this::sweep, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }

        void link(Deadline d) {
            d.prev = head.prev;
            d.next = head;
            head.prev.next = d;
            head.prev = d;
        }

        void unlink(Deadline d) {
            d.prev.next = d.next;
            d.next.prev = d.prev;
            d.prev = null;
            d.next = null;
        }

        /** Unlinks every passed deadline first, then fires them: firing may disarm others. */
        private void sweep() {
            long now = System.nanoTime();
            List<Deadline> passed = null;
            for (Deadline d = head.next; d != head; ) {
                Deadline next = d.next;
                if (now - d.dueNanos >= 0) {
                    d.armed = false;
                    unlink(d);
                    if (passed == null) {
                        passed = new ArrayList<>();
                    }
                    passed.add(d);
                }
                d = next;
            }
            if (passed != null) {
                passed.forEach(Deadline::expired);
            }
        }
    }

    @Override
    public void close() {
        byThread.values().forEach(list -> list.sweeper.remove());
        byThread.clear();
    }
}
