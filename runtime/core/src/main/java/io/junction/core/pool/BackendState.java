package io.junction.core.pool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Junction knows about one backend, shared by every pool and generation that names it and by everything
 * that judges it: today the requests in flight; health, latency averages, ejection and the operator's
 * up/drain/maint state join here, so each has one owner. Outlives configuration generations: a backend that a
 * reload removes keeps its state until its last request in flight has ended (see {@link BackendStates}).
 */
public final class BackendState {

    private final String id;
    private final BackendStates owner;
    private final AtomicInteger activeRequests = new AtomicInteger();
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

    void requestStarted() {
        activeRequests.incrementAndGet();
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
