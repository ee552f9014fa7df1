package io.junction.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Passive ejection (outlier detection): a backend whose attempts fail {@code failures} times in a row (refused or
 * timed-out connects, broken exchanges, response timeouts, 5xx answers) takes no requests for {@code baseTime}
 * times the number of its ejections so far, at most {@code maxTime}; at most {@code maxPercent} of a pool's
 * backends are ejected at once (always at least one may be). {@code failures} 0 turns it off.
 */
public record EjectionSpec(int failures, Duration baseTime, Duration maxTime, int maxPercent) {

    public static final EjectionSpec DEFAULTS = new EjectionSpec(5, Duration.ofSeconds(30), Duration.ofMinutes(5), 50);

    public EjectionSpec {
        Objects.requireNonNull(baseTime, "baseTime");
        Objects.requireNonNull(maxTime, "maxTime");
        if (failures < 0) {
            throw new InvalidSpecException("eject failures: got " + failures + ", expected 0 (off) or more");
        }
        if (maxTime.compareTo(baseTime) < 0) {
            throw new InvalidSpecException("eject maxTime " + maxTime.toMillis() + "ms is shorter than time " + baseTime.toMillis() + "ms");
        }
        if (maxPercent < 1 || maxPercent > 100) {
            throw new InvalidSpecException("eject maxPercent: got " + maxPercent + ", expected 1..100");
        }
    }

    public boolean enabled() {
        return failures > 0;
    }

    /** How long the {@code ejections}-th ejection in a row lasts. */
    public Duration duration(int ejections) {
        Duration grown = baseTime.multipliedBy(Math.max(1, ejections));
        return grown.compareTo(maxTime) > 0 ? maxTime : grown;
    }
}
