package io.junction.core.pool;

import io.junction.api.Backend;

import io.junction.core.model.EjectionSpec;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passive ejection state of one backend: failures in a row, and until when it is ejected. How many ejections in
 * a row it has had makes the next one longer, so a flapping backend is kept out longer each time; the count
 * starts over once the backend stayed in for the longest ejection time. Updated from I/O threads without locks;
 * a race may at worst eject once more or once less.
 */
public final class Ejection {

    private final AtomicInteger failuresInRow = new AtomicInteger();
    private volatile long ejectedUntil;
    private volatile boolean everEjected;
    private volatile int ejectionsInRow;

    /** Whether the backend is ejected at {@code now} (System.nanoTime). */
    public boolean ejected(long now) {
        return everEjected && now - ejectedUntil < 0;
    }

    /** System.nanoTime when the last ejection ends or ended, or {@link Backend#NEVER}. */
    public long returnsAt() {
        return everEjected ? ejectedUntil : Backend.NEVER;
    }

    /** An attempt succeeded. */
    void succeeded() {
        // a read, not a store, while nothing failed: every I/O thread's success would write this shared line
        if (failuresInRow.get() != 0) {
            failuresInRow.set(0);
        }
    }

    /**
     * An attempt failed.
     *
     * @param mayEject whether the pool's share of ejected backends leaves room for one more
     * @return true when this failure ejected the backend
     */
    boolean failed(EjectionSpec spec, long now, boolean mayEject) {
        if (!spec.enabled() || failuresInRow.incrementAndGet() < spec.failures() || ejected(now) || !mayEject) {
            return false;
        }
        failuresInRow.set(0);
        boolean quietSinceLast = !everEjected || now - ejectedUntil > spec.maxTime().toNanos();
        ejectionsInRow = quietSinceLast ? 1 : ejectionsInRow + 1;
        ejectedUntil = now + spec.duration(ejectionsInRow).toNanos();
        everEjected = true;
        return true;
    }

    /** The active check saw the backend pass: it returns at once. */
    public void endEarly(long now) {
        if (ejected(now)) {
            ejectedUntil = now;
        }
    }

    public int ejectionsInRow() {
        return ejectionsInRow;
    }
}
