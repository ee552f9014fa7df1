package io.junction.core.pool;

import java.time.Duration;
import java.time.Instant;

/** One active health probe of a backend, as kept in its recent history. */
public record ProbeRecord(Instant at, boolean passed, String reason, Duration latency) {
}
