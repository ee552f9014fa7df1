package io.junction.server.engine;

import java.util.ArrayList;
import java.util.List;

/** One event loop's armed {@link Deadline}s in a circular list around a sentinel; touched by that loop only. */
final class Deadlines {

    static final long TICK_MILLIS = 100;

    private final Deadline head = new Deadline(this, () -> { });
    private final List<Deadline> passed = new ArrayList<>();

    Deadlines() {
        head.prev = head;
        head.next = head;
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
