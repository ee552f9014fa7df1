package io.junction.core.model;

import io.junction.api.Options;

import java.time.Duration;
import java.util.Optional;

/** Durations as scripts and settings write them: a whole number followed by ms, s, m, h or d (days, for HSTS). */
public final class Durations {

    private Durations() {
    }

    /** @return the duration {@code text} writes (zero included), or empty when it is not one */
    public static Optional<Duration> parse(String text) {
        return Options.parseDuration(text);
    }
}
