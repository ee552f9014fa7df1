package io.junction.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Immutable string options given to a strategy in a script. */
public final class Options {

    private static final Options NONE = new Options(Map.of());
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    public static Options none() {
        return NONE;
    }

    public static Options of(Map<String, String> values) {
        return values.isEmpty() ? NONE : new Options(Map.copyOf(values));
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public int getInt(String key, int fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + key + "' must be a whole number, got '" + value + "'");
        }
    }

    /** A duration written as a whole number followed by ms, s, m, h or d ({@code 250ms}, {@code 1h}, {@code 365d}). */
    public Duration getDuration(String key, Duration fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        return parseDuration(value).orElseThrow(() -> new IllegalArgumentException(
                "option '" + key + "' must be a duration such as 250ms, 1s, 2m or 1h, got '" + value + "'"));
    }

    /** Refuses an option not in {@code known}, naming the ones there are; {@code what} says whose they are. */
    public void requireOnly(String what, Set<String> known) {
        for (String key : new TreeSet<>(values.keySet())) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(what + " has no option '" + key + "'; allowed: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** @return the duration {@code text} writes (zero included), or empty when it is not one */
    public static Optional<Duration> parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        return Optional.of(switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofHours(amount);
        });
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Options o && o.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
