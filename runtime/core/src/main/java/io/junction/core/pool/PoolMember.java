package io.junction.core.pool;

import io.junction.api.Backend;
import io.junction.core.model.BackendMode;
import io.junction.core.model.BackendSpec;

import java.net.URI;

/** A backend as one pool of one generation sees it: the script's spec plus the shared state. */
public final class PoolMember implements Backend {

    private final BackendSpec spec;
    private final BackendState state;
    private final int index;
    private final int maxConnections;

    PoolMember(BackendSpec spec, BackendState state, int index, int poolMaxConnections) {
        this.spec = spec;
        this.state = state;
        this.index = index;
        this.maxConnections = spec.maxConnections() > 0 ? spec.maxConnections() : poolMaxConnections;
    }

    @Override
    public String id() {
        return state.id();
    }

    @Override
    public URI uri() {
        return spec.uri();
    }

    @Override
    public int weight() {
        return spec.weight();
    }

    @Override
    public int activeRequests() {
        return state.activeRequests();
    }

    @Override
    public long availableSince() {
        return state.availableSince();
    }

    /** The operator's run-time mode when one is set, else the scripts'. */
    public BackendMode mode() {
        BackendMode override = state.modeOverride();
        return override != null ? override : spec.mode();
    }

    /** Whether the backend may take a new request at {@code now} (System.nanoTime): up, healthy, not ejected. */
    public boolean available(long now) {
        return mode() == BackendMode.UP && state.health().up() && !state.ejection().ejected(now);
    }

    /** Requests this backend takes at once (its own limit, else its pool's); 0 for no limit. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Whether the backend has room for one more request in flight now (a hint: {@link #tryStart} decides). */
    public boolean hasRoom() {
        return maxConnections == 0 || state.activeRequests() < maxConnections;
    }

    /** Counts a request in flight if the backend has room for it. */
    boolean tryStart() {
        return state.tryRequestStarted(maxConnections);
    }

    /** Whether the backend still takes the clients pinned to it: up or draining, healthy, not ejected. */
    public boolean keepsPinned(long now) {
        BackendMode mode = mode();
        return (mode == BackendMode.UP || mode == BackendMode.DRAIN) && state.health().up() && !state.ejection().ejected(now);
    }

    public BackendState state() {
        return state;
    }

    /** Position in the pool, as seen through {@link io.junction.api.Candidates}. */
    public int index() {
        return index;
    }

    @Override
    public String toString() {
        return id();
    }
}
