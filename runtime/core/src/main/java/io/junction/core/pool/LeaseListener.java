package io.junction.core.pool;

import io.junction.api.Outcome;

import java.time.Duration;

/**
 * Told how every attempt of a pool ended, after its balancer, and when the pool's strategy misbehaved; e.g.
 * per-backend metrics. Runs on I/O threads.
 */
@FunctionalInterface
public interface LeaseListener {

    LeaseListener NONE = (member, outcome, timeToFirstByteNanos, totalNanos) -> { };

    void ended(PoolMember member, Outcome outcome, long timeToFirstByteNanos, long totalNanos);

    /**
     * The pool's strategy threw, or returned a backend that was not an eligible candidate; the pool picked by
     * round robin instead. Called for every such pick: rate-limit anything costly.
     */
    default void strategyFault(Pool pool, String reason) {
    }

    /** Passive ejection took the member out of the pool for {@code duration}; runs on the I/O thread that saw it fail. */
    default void ejected(Pool pool, PoolMember member, String reason, Duration duration) {
    }

    /** A request found every backend it may use at its connection limit and no room in the queue, or waited too long. */
    default void noRoom(Pool pool) {
    }
}
