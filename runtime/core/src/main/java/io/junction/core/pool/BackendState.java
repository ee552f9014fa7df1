package io.junction.core.pool;

import java.util.concurrent.atomic.AtomicInteger;

/** What Junction knows about one backend, shared by every pool and generation that names it. */
public final class BackendState {

    private final String id;
    private final AtomicInteger activeRequests = new AtomicInteger();

    BackendState(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public int activeRequests() {
        return activeRequests.get();
    }

    public void requestStarted() {
        activeRequests.incrementAndGet();
    }

    public void requestEnded() {
        activeRequests.decrementAndGet();
    }
}
