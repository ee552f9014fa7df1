package io.junction.server.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * One event loop's armed {@link Deadline}s in a circular list around a sentinel, and the loop's clock; touched by
 * that loop only.
 */
final class Deadlines {

    static final long TICK_MILLIS = 100;

    private final Deadline head = new Deadline(this, () -> { });
    private final List<Deadline> passed = new ArrayList<>();
    /** System.nanoTime read once in the loop's current turn; {@link #stale} until then. */
    private long now;
    private boolean stale = true;

    Deadlines() {
        head.prev = head;
        head.next = head;
    }

    /**
     * The loop's time in its current turn: read at the first ask after the events of the turn came in, then kept.
     * A request arms and disarms several deadlines, and a clock read costs far more than a list link (hundreds of
     * nanoseconds on some virtual machines); a turn takes microseconds (milliseconds of bulk reads at most), and
     * deadlines are swept once a tick.
     */
    long now() {
        if (stale) {
            now = System.nanoTime();
            stale = false;
        }
        return now;
    }

    /** A new turn of the loop begins: the next {@link #now} reads the clock. */
    void newTurn() {
        stale = true;
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

    /** Unlinks every passed deadline first, then fires them: firing may disarm or arm others. */
    void sweep(long nowNanos) {
        for (Deadline d = head.next; d != head; ) {
            Deadline next = d.next;
            if (nowNanos - d.dueNanos >= 0) {
                unlink(d);
                passed.add(d);
            }
            d = next;
        }
        for (int i = 0; i < passed.size(); i++) {
            passed.get(i).expire();
        }
        passed.clear();
    }
}
