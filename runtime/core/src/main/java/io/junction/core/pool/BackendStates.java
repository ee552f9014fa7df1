package io.junction.core.pool;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Backend state by backend id; carried from one configuration generation to the next. */
public final class BackendStates {

    private final ConcurrentMap<String, BackendState> states = new ConcurrentHashMap<>();

    public BackendState of(String backendId) {
        return states.computeIfAbsent(backendId, BackendState::new);
    }

    /** Requests in flight to a backend; 0 for one no generation names. */
    public int activeRequests(String backendId) {
        BackendState state = states.get(backendId);
        return state == null ? 0 : state.activeRequests();
    }

    /** Forgets backends no generation names any more. */
    public void retainOnly(Set<String> backendIds) {
        states.keySet().retainAll(backendIds);
    }
}
