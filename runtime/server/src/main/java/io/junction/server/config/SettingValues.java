package io.junction.server.config;

import io.junction.core.model.Durations;

import io.junction.server.logging.AccessLogFormat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads typed values from {@link SettingSources}, collecting a problem per bad value instead of
 * stopping at the first, so one run of {@code check} reports them all.
 */
final class SettingValues {

    /** Undertow takes its timeouts as int milliseconds. */
    private static final Duration LONGEST = Duration.ofMillis(Integer.MAX_VALUE);
    private static final String DURATION = "a duration like 250ms, 5s, 2m or 1h";

    private final SettingSources sources;
    private final List<String> problems;

    SettingValues(SettingSources sources, List<String> earlierProblems) {
        this.sources = sources;
        this.problems = new ArrayList<>(earlierProblems);
    }

    /** A path; a relative one is resolved against {@code base}. */
    Path path(String key, Path base) {
        return read(key, text -> {
            try {
                return Optional.of(base.resolve(text).normalize());
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }, "a path", path -> true, "");
    }

    /** A path, or {@code null} when the setting is blank (the folder is optional). */
    Path optionalPath(String key, Path base) {
        String text = sources.value(key);
        return text == null || text.isBlank() ? null : path(key, base);
    }

    /** A duration above zero. */
    Duration timeout(String key) {
        return read(key, Durations::parse, DURATION,
                d -> !d.isZero() && d.compareTo(LONGEST) <= 0, "above 0 and at most " + LONGEST.toHours() + "h");
    }

    /** A duration; zero is allowed. */
    Duration duration(String key) {
        return read(key, Durations::parse, DURATION,
                d -> d.compareTo(LONGEST) <= 0, "at most " + LONGEST.toHours() + "h");
    }

    /** A duration; {@code 0} or {@code off} is zero. */
    Duration durationOrOff(String key) {
        String text = text(key);
        return text.equals("off") || text.equals("0") ? Duration.ZERO : read(key, Durations::parse, DURATION + ", or off",
                d -> d.compareTo(LONGEST) <= 0, "at most " + LONGEST.toHours() + "h");
    }

    /** A whole number from {@code min} to {@code max}. */
    int count(String key, int min, int max) {
        Long value = read(key, SettingValues::wholeNumber, "a whole number",
                n -> n >= min && n <= max, max == Integer.MAX_VALUE ? min + " or more" : "from " + min + " to " + max);
        return value == null ? 0 : value.intValue();
    }

    long bytes(String key) {
        Long value = read(key, SettingValues::wholeNumber, "a whole number of bytes", n -> n >= 0, "0 or more");
        return value == null ? 0 : value;
    }

    /** One of an enum's constants, written in lower case. */
    <E extends Enum<E>> E oneOf(String key, Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        String choices = "one of " + String.join(", ", names);
        String name = read(key, Optional::of, choices, names::contains, choices);
        return name == null ? null : Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
    }

    List<Integer> ports(String key) {
        return read(key, SettingValues::wholeNumbers, "comma-separated port numbers",
                ports -> ports.stream().allMatch(p -> p >= 1 && p <= 65535), "ports from 1 to 65535");
    }

    /** An IP address or a host name that resolves, as a listener binds it. */
    InetAddress address(String key) {
        return read(key, text -> {
            try {
                return text.isEmpty() ? Optional.empty() : Optional.of(InetAddress.getByName(text));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }, "an IP address or a host name of this machine", address -> true, "");
    }

    /** An access log format by name, or {@code null} for {@code off}. */
    AccessLogFormat accessLogFormat(String key) {
        String text = text(key);
        if (text.equals("off")) {
            return null;
        }
        return read(key, name -> Arrays.stream(AccessLogFormat.values()).filter(f -> f.text().equals(name)).findFirst(),
                "off, common, combined or json", format -> true, "");
    }

    /** Text as written, trimmed; empty when the setting is blank. */
    String text(String key) {
        String text = sources.value(key);
        return text == null ? "" : text.trim();
    }

    /** Comma-separated secrets of at least 16 characters each; a problem never repeats the value. */
    List<String> secrets(String key) {
        List<String> secrets = Arrays.stream(text(key).split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        if (secrets.stream().anyMatch(secret -> secret.length() < 16)) {
            problems.add(sources.where(key) + ": every key must be at least 16 characters long (value not shown)");
        }
        return secrets;
    }

    /** Records a problem with a well-formed value that other settings make unacceptable. */
    void refuse(String key, String why) {
        problems.add(sources.where(key) + ": '" + sources.value(key) + "' " + why);
    }

    /** @throws SettingsException listing every problem read so far, when there is any */
    void requireValid() throws SettingsException {
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
    }

    /**
     * @param form what the text must look like
     * @param range what a well-formed value must satisfy
     * @return the value, or {@code null} after recording a problem
     */
    private <T> T read(String key, Function<String, Optional<T>> parse, String form, Predicate<T> inRange, String range) {
        String text = sources.value(key);
        Optional<T> value = text == null ? Optional.empty() : parse.apply(text.trim());
        if (value.isEmpty()) {
            problems.add(sources.where(key) + ": must be " + form + ", got '" + (text == null ? "" : text) + "'");
            return null;
        }
        if (!inRange.test(value.get())) {
            problems.add(sources.where(key) + ": must be " + range + ", got '" + text + "'");
            return null;
        }
        return value.get();
    }

    private static Optional<Long> wholeNumber(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<List<Integer>> wholeNumbers(String text) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : text.split(",")) {
            Optional<Long> number = wholeNumber(part.trim());
            if (number.isEmpty() || number.get() > Integer.MAX_VALUE || number.get() < Integer.MIN_VALUE) {
                return Optional.empty();
            }
            numbers.add(number.get().intValue());
        }
        return Optional.of(List.copyOf(numbers));
    }
}
