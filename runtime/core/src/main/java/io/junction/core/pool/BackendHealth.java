package io.junction.core.pool;

import io.junction.api.Backend;

import io.junction.core.model.HealthSpec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The active-check state machine of one backend: down after {@code fall} failed probes in a row, up after
 * {@code rise} passed ones, {@code initial} before the first result, and the last {@link #HISTORY} probes for
 * operators. A backend without a check is up. Probes of one backend are recorded one at a time (the scheduler
 * keeps one in flight); request threads only read {@link #up()}.
 */
public final class BackendHealth {

    /** How many recent probe results each backend keeps. */
    public static final int HISTORY = 10;

    /** A change of state caused by a probe result. */
    public enum Transition { WENT_DOWN, WENT_UP }

    private final Deque<ProbeRecord> recent = new ArrayDeque<>(HISTORY);
    private volatile boolean up = true;
    /** System.nanoTime of the last WENT_UP, or {@link Backend#NEVER}. */
    private volatile long upSince = Backend.NEVER;
    private boolean checked;
    private int fall;
    private int rise;
    private int passesInRow;
    private int failuresInRow;

    /** Up when no check runs or the check says so. Lock-free: read on every pick. */
    public boolean up() {
        return up;
    }

    /** System.nanoTime when the check last saw the backend come back up, or {@link Backend#NEVER}. */
    public long upSince() {
        return upSince;
    }

    /**
     * A check now runs for this backend. The first time, the state becomes the check's initial state; a check
     * that changes on reload keeps the state the backend has earned.
     */
    public synchronized void checkedBy(HealthSpec check) {
        if (!checked) {
            checked = true;
            up = check.initial() == HealthSpec.Initial.UP;
            passesInRow = 0;
            failuresInRow = 0;
        }
        fall = check.fall();
        rise = check.rise();
    }

    /** No check runs for this backend any more: it is up, and its history is kept. */
    public synchronized void unchecked() {
        checked = false;
        up = true;
    }

    /** @return the transition this result causes, or {@code null} when the state stays */
    public synchronized Transition record(ProbeRecord result) {
        if (recent.size() == HISTORY) {
            recent.removeFirst();
        }
        recent.addLast(result);
        if (!checked) {
            return null;
        }
        if (result.passed()) {
            failuresInRow = 0;
            passesInRow++;
            if (!up && passesInRow >= rise) {
                up = true;
                upSince = System.nanoTime();
                return Transition.WENT_UP;
            }
        } else {
            passesInRow = 0;
            failuresInRow++;
            if (up && failuresInRow >= fall) {
                up = false;
                return Transition.WENT_DOWN;
            }
        }
        return null;
    }

    /** The last probes, oldest first. */
    public synchronized List<ProbeRecord> recent() {
        return List.copyOf(recent);
    }

    @Override
    public synchronized String toString() {
        return (up ? "up" : "down") + (checked ? "" : " (not checked)");
    }
}
