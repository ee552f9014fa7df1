package io.junction.core.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open client connections held to a cap, HAProxy's {@code maxconn} way: a listener at its cap, or at the total
 * cap all listeners share, stops accepting (the excess waits in the kernel's backlog, as the client sees only a
 * slower connect) and accepts again as soon as a connection ends. Refusing instead would turn a burst into errors
 * the client cannot tell from a dead proxy. One total ({@link #total}) and one per listener ({@link #listener}),
 * both engines count through them, thread-safe.
 */
public final class ConnectionSlots {

    private static final long LOG_EVERY_NANOS = 1_000_000_000L;

    private volatile int max;
    private final ConnectionSlots total;
    private final AtomicInteger open = new AtomicInteger();
    /** What resumes accepting on each acceptor that stopped at a cap, run once when a slot frees. */
    private final Set<Runnable> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    private ConnectionSlots(int max, ConnectionSlots total) {
        this.max = checked(max);
        this.total = total;
    }

    /** The cap of all http listeners together; 0 = none. */
    public static ConnectionSlots total(int max) {
        return new ConnectionSlots(max, null);
    }

    /** A listener's own slots under this total; {@code max} 0 = only the total applies. */
    public ConnectionSlots listener(int max) {
        return new ConnectionSlots(max, this);
    }

    /** A reload changed the listener's cap: connections opened from now on are held to it. */
    public void resize(int max) {
        if (max != this.max) {
            this.max = checked(max);
            wake();
        }
    }

    /** Whether this listener may not accept another connection now (its cap or the total's is reached). */
    public boolean full() {
        int cap = max;
        return cap > 0 && open.get() >= cap || total != null && total.full();
    }

    /**
     * Takes a slot here and in the total if both have one free. A compare-and-set per counter, so acceptors on
     * several threads never pass a cap together: an acceptor takes its slot before it accepts, and one that gets
     * none leaves the connection in the kernel's backlog.
     *
     * @return whether the slot was taken ({@link #closed} gives it back)
     */
    public boolean tryOpen() {
        if (!take()) {
            return false;
        }
        if (total != null && !total.take()) {
            // another acceptor of this listener may have seen the slot held meanwhile and stopped: it is free again
            open.decrementAndGet();
            wake();
            return false;
        }
        return true;
    }

    /** Gives back a slot {@link #tryOpen} took: the connection ended (or the accept found none). */
    public void closed() {
        open.decrementAndGet();
        if (total != null) {
            total.closed();
        }
        wake();
    }

    private boolean take() {
        for (int now = open.get(); ; now = open.get()) {
            int cap = max;
            if (cap > 0 && now >= cap) {
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public int open() {
        return open.get();
    }

    /**
     * An acceptor stopped at a cap: {@code resume} runs once, on the thread that frees a slot (or this one, if one
     * freed meanwhile). It must be harmless to run after the acceptor resumed already, and re-check {@link #full}.
     *
     * @return whether this stop is the first in a second, so that it is logged at most once a second
     */
    public boolean stopped(Runnable resume) {
        Runnable once = new Once(resume);
        waiting.add(once);
        if (total != null) {
            total.waiting.add(once);
        }
        wake();
        long last = lastLogged.get();
        long now = System.nanoTime();
        return now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now);
    }

    private static int checked(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("a connection cap is 0 (none) or more, got " + max);
        }
        return max;
    }

    private void wake() {
        for (Runnable resume : waiting) {
            if (!full() && waiting.remove(resume)) {
                resume.run();
            }
        }
    }

    /** Waits in the listener's set and the total's: whichever frees a slot first runs it, the other finds it done. */
    private static final class Once implements Runnable {
        private final AtomicBoolean done = new AtomicBoolean();
        private final Runnable task;

        Once(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                task.run();
            }
        }
    }
}
