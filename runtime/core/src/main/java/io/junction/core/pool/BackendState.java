package io.junction.core.pool;

import io.junction.api.Backend;

import io.junction.core.model.BackendMode;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Junction knows about one backend, shared by every pool and generation that names it and by everything
 * that judges it: the requests in flight, its active-check health, its passive ejection and the mode an operator
 * set at run time, so each has one owner. Outlives configuration generations: a backend that a
 * reload removes keeps its state until its last request in flight has ended (see {@link BackendStates}).
 */
public final class BackendState {

    private final String id;
    private final BackendStates owner;
    private final AtomicInteger activeRequests = new AtomicInteger();
    private final BackendHealth health = new BackendHealth();
    private final Ejection ejection = new Ejection();
    /** Set at run time by an operator; wins over the scripts' mode until cleared. */
    private volatile BackendMode modeOverride;
    /** No generation after the running one names this backend; forgotten once idle. */
    private volatile boolean retired;

    BackendState(String id, BackendStates owner) {
        this.id = id;
        this.owner = owner;
    }

    public String id() {
        return id;
    }

    public int activeRequests() {
        return activeRequests.get();
    }

    public BackendHealth health() {
        return health;
    }

    public Ejection ejection() {
        return ejection;
    }

    /** When the backend last came back from being down or ejected, whichever is later; {@link Backend#NEVER} if never. */
    public long availableSince() {
        long up = health.upSince();
        long returns = ejection.returnsAt();
        if (up == Backend.NEVER || returns != Backend.NEVER && returns - up > 0) {
            return returns;
        }
        return up;
    }

    /** The operator's run-time mode, or {@code null} when the scripts' mode applies. */
    public BackendMode modeOverride() {
        return modeOverride;
    }

    /** @param mode the mode to enforce whatever the scripts say, or {@code null} to follow the scripts again */
    public void modeOverride(BackendMode mode) {
        this.modeOverride = mode;
    }

    /**
     * Counts a request in flight when that keeps them within {@code limit} (0: no limit); claimed by
     * compare-and-set so that I/O threads racing for the last slot cannot overshoot it.
     */
    boolean tryRequestStarted(int limit) {
        if (limit == 0) {
            activeRequests.incrementAndGet();
            return true;
        }
        while (true) {
            int now = activeRequests.get();
            if (now >= limit) {
                return false;
            }
            if (activeRequests.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void requestEnded() {
        if (activeRequests.decrementAndGet() == 0 && retired) {
            owner.forgetIfIdle(this);
        }
    }

    boolean retired() {
        return retired;
    }

    void retired(boolean retired) {
        this.retired = retired;
    }

    @Override
    public String toString() {
        return id;
    }
}
