package io.junction.api;

/**
 * Picks a backend for one request. Called concurrently from I/O threads on the hot path:
 * implementations must not block, take no lock and should not allocate per call.
 *
 * <p>Every pick that returns a backend starts a lease: the backend counts the request as in flight
 * ({@link Backend#activeRequests()}) from the moment of the pick, and {@link #done} is called exactly once when
 * the attempt ends, whatever happened.
 */
public interface Balancer {

    /** {@link #done}'s time to first byte when no response byte came back. */
    long NO_RESPONSE = -1;

    /**
     * @return one of the eligible candidates, or {@code null} when none is eligible.
     */
    Backend pick(Candidates candidates, RequestView request);

    /**
     * Told once per pick when the attempt on {@code backend} has ended.
     *
     * @param timeToFirstByteNanos from the pick until the backend's response started, or {@link #NO_RESPONSE}
     * @param totalNanos           from the pick until the attempt ended
     */
    default void done(Backend backend, Outcome outcome, long timeToFirstByteNanos, long totalNanos) {
    }
}
