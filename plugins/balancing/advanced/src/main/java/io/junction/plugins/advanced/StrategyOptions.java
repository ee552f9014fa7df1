package io.junction.plugins.advanced;

import io.junction.api.Options;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A strategy's options read strictly: unknown keys and unusable values are refused with one clear line. */
final class StrategyOptions {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    private final Options options;

    /** @throws IllegalArgumentException when {@code options} holds a key not in {@code known} */
    StrategyOptions(String strategy, Options options, Set<String> known) {
        this.options = options;
        Set<String> unknown = new TreeSet<>(options.keys());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("strategy '" + strategy + "' has no option " + String.join(", ", unknown)
                    + " (it knows " + String.join(", ", new TreeSet<>(known)) + ")");
        }
    }

    String text(String key, String fallback) {
        return options.get(key, fallback).trim();
    }

    /** A whole number in [{@code min}, {@code max}]. */
    int integer(String key, int fallback, int min, int max) {
        int value = options.getInt(key, fallback);
        if (value < min || value > max) {
            throw new IllegalArgumentException("option '" + key + "' must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A number above {@code min}, or {@code fallback} when absent. */
    double numberAbove(String key, double fallback, double min) {
        String value = options.get(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            double number = Double.parseDouble(value.trim());
            if (number > min && Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the rule
        }
        throw new IllegalArgumentException("option '" + key + "' must be a number above " + min + ", got '" + value + "'");
    }

    /** A duration such as {@code 30s}, {@code 500ms} or {@code 2m}, in nanoseconds; {@code fallback} when absent. */
    long durationNanos(String key, long fallback) {
        String value = options.get(key, null);
        if (value == null) {
            return fallback;
        }
        Matcher matcher = DURATION.matcher(value.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("option '" + key + "' must be a duration such as 30s, 500ms or 2m, got '" + value + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> amount * 1_000_000L;
            case "s" -> amount * 1_000_000_000L;
            default -> amount * 60_000_000_000L;
        };
    }
}
