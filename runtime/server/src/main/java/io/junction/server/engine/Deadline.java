package io.junction.server.engine;

/**
 * Something that must happen unless it is disarmed in time, on one event loop: arming and disarming
 * are list links (no timer tree, no allocation), and one sweep per tick fires what passed, up to a
 * tick late, which is fine for timeouts counted in hundreds of milliseconds and more.
 */
public final class Deadline {

    private final Deadlines list;
    private final Runnable expiry;
    Deadline prev;
    Deadline next;
    long dueNanos;

    /** @param expiry run on the loop's thread when the deadline passes while armed */
    Deadline(Deadlines list, Runnable expiry) {
        this.list = list;
        this.expiry = expiry;
    }

    /** Arms the deadline {@code millis} from now; re-arming moves it. */
    public void arm(long millis) {
        disarm();
        dueNanos = list.now() + millis * 1_000_000L;
        list.link(this);
    }

    /**
     * For a timeout counted from the last activity: arms the deadline for what is left of {@code millis} after
     * {@code sinceNanos} (System.nanoTime), so that activity never has to touch the deadline.
     *
     * @return false when nothing is left: the timeout passed
     */
    boolean rearmAfter(long sinceNanos, long millis) {
        long left = millis - (list.now() - sinceNanos) / 1_000_000;
        if (left <= 0) {
            return false;
        }
        arm(left);
        return true;
    }

    public void disarm() {
        if (next != null) {
            list.unlink(this);
        }
    }

    boolean armed() {
        return next != null;
    }

    void expire() {
        expiry.run();
    }
}
