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

    PoolMember(BackendSpec spec, BackendState state, int index) {
        this.spec = spec;
        this.state = state;
        this.index = index;
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

    /** The operator's run-time mode when one is set, else the scripts'. */
    public BackendMode mode() {
        BackendMode override = state.modeOverride();
        return override != null ? override : spec.mode();
    }

    /** Whether the backend may take a new request at {@code now} (System.nanoTime): up, healthy, not ejected. */
    public boolean available(long now) {
        return mode() == BackendMode.UP && state.health().up() && !state.ejection().ejected(now);
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
