package io.junction.api;

/**
 * Picks a backend for one request. Called concurrently from I/O threads on the hot path:
 * implementations must not block and should not allocate per call.
 */
public interface Balancer {

    /**
     * @return one of the eligible candidates, or {@code null} when none is eligible.
     */
    Backend pick(Candidates candidates, RequestView request);

    /** Told once per pick when the attempt on {@code backend} has ended. */
    default void done(Backend backend, Outcome outcome) {
    }
}
