package io.junction.plugins.advanced;

import io.junction.api.Backend;
import io.junction.api.Outcome;

/** How loaded a backend looks to a load-aware balancer, before dividing by its weight; lower is better. */
interface Load {

    /** In-flight requests: least-connections and p2c. */
    Load IN_FLIGHT = (index, backend, now) -> backend.activeRequests();

    double of(int index, Backend backend, long now);

    /** Whether {@link #of} needs the time. */
    default boolean timed() {
        return false;
    }

    /** Told how an attempt on the backend at {@code index} ended. */
    default void done(int index, Outcome outcome, long timeToFirstByteNanos, long totalNanos, long now) {
    }
}
