package io.junction.core.pool;

import io.junction.api.Outcome;

/** Told how every attempt of a pool ended, after its balancer; e.g. per-backend metrics. Runs on I/O threads. */
@FunctionalInterface
public interface LeaseListener {

    LeaseListener NONE = (member, outcome, timeToFirstByteNanos, totalNanos) -> { };

    void ended(PoolMember member, Outcome outcome, long timeToFirstByteNanos, long totalNanos);
}
