package io.junction.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * What a pool does when no backend may take requests (down, ejected, drained or in maintenance): answer 503 at
 * once with {@code Retry-After} (the default), or, with {@code panic}, spread requests over every backend not
 * in maintenance as if all were healthy.
 */
public record AllDownSpec(boolean panic, Duration retryAfter) {

    public static final AllDownSpec DEFAULTS = new AllDownSpec(false, Duration.ofSeconds(1));

    public AllDownSpec {
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** Whole seconds for the Retry-After header, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
