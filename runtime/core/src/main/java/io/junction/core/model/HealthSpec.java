package io.junction.core.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A pool's active health check: which check plugin, its own options, and how Junction schedules it and turns
 * results into up and down. A backend goes down after {@code fall} failed probes in a row and up after
 * {@code rise} passed ones; before its first result it is {@code initial}.
 *
 * @param check   the check's plugin id, e.g. {@code http}
 * @param options the options handed to the plugin (all but interval, timeout, fall, rise, initial)
 */
public record HealthSpec(String check, Map<String, String> options, Duration interval, Duration timeout,
                         int fall, int rise, Initial initial) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    public static final int DEFAULT_FALL = 2;
    public static final int DEFAULT_RISE = 2;

    /** The state of a backend before its first probe result. */
    public enum Initial {
        /** Serve at once; a dead backend costs a connect retry until the check marks it down (the default). */
        UP,
        /** Wait for {@code rise} passed probes before sending any request. */
        DOWN;

        /** @throws InvalidSpecException for anything but up or down */
        public static Initial parse(String text) {
            for (Initial initial : values()) {
                if (initial.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return initial;
                }
            }
            throw new InvalidSpecException("health initial: got '" + text + "', expected 'up' or 'down'");
        }
    }

    public HealthSpec {
        Objects.requireNonNull(check, "check");
        options = Map.copyOf(options);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initial, "initial");
        requireAtLeastOne("fall", fall);
        requireAtLeastOne("rise", rise);
        if (timeout.compareTo(interval) > 0) {
            throw new InvalidSpecException("health timeout " + timeout.toMillis() + "ms is longer than the interval "
                    + interval.toMillis() + "ms; a probe must end before the next is due");
        }
    }

    private static void requireAtLeastOne(String name, int value) {
        if (value < 1) {
            throw new InvalidSpecException("health " + name + ": got " + value + ", expected a whole number of at least 1");
        }
    }
}
