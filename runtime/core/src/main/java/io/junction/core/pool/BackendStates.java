package io.junction.core.pool;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * Backend state by backend id, carried from one configuration generation to the next. A backend that a reload
 * removes stays known while requests of an older generation are still in flight to it, so its counts stay
 * true; once the last one ends it is forgotten and {@code onForgotten} is told (e.g. to drop its metrics).
 * A backend named again before that gets its old state back.
 */
public final class BackendStates {

    private final ConcurrentMap<String, BackendState> states = new ConcurrentHashMap<>();
    private final Consumer<String> onForgotten;

    public BackendStates() {
        this(id -> { });
    }

    /** @param onForgotten told the id of each backend forgotten; runs while no other call can revive that id */
    public BackendStates(Consumer<String> onForgotten) {
        this.onForgotten = onForgotten;
    }

    /** The state of a backend that a generation names. */
    public BackendState of(String backendId) {
        return states.compute(backendId, (id, state) -> {
            if (state == null) {
                return new BackendState(id, this);
            }
            state.retired(false);
            return state;
        });
    }

    /** Requests in flight to a backend; 0 for one no generation names. */
    public int activeRequests(String backendId) {
        BackendState state = states.get(backendId);
        return state == null ? 0 : state.activeRequests();
    }

    /** The state of a backend known now (named by a generation or still draining), or {@code null}. */
    public BackendState find(String backendId) {
        return states.get(backendId);
    }

    /** The backends known now, including removed ones still draining. */
    public Set<String> ids() {
        return Set.copyOf(states.keySet());
    }

    /**
     * Called after a swap with the backends the serving generation names: every other backend is forgotten
     * as soon as it has no request in flight (at once when it has none).
     */
    public void retainOnly(Set<String> backendIds) {
        for (String id : List.copyOf(states.keySet())) {
            if (!backendIds.contains(id)) {
                states.computeIfPresent(id, (key, state) -> {
                    state.retired(true);
                    return forgottenIfIdle(state);
                });
            }
        }
    }

    void forgetIfIdle(BackendState state) {
        states.computeIfPresent(state.id(), (key, current) -> current == state ? forgottenIfIdle(current) : current);
    }

    /** Inside a compute on the state's id: null (removes it) when it is retired and idle. */
    private BackendState forgottenIfIdle(BackendState state) {
        if (state.retired() && state.activeRequests() == 0) {
            onForgotten.accept(state.id());
            return null;
        }
        return state;
    }
}
