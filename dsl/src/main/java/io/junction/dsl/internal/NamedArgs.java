package io.junction.dsl.internal;

import io.junction.core.model.Durations;
import io.junction.core.model.SourceLocation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The named arguments of one DSL call ({@code weight: 2}). Wrong names and wrong value types are
 * recorded as problems at the call, and the getter returns null so the script can go on and show
 * its other mistakes too.
 */
final class NamedArgs {

    private final ConfigBuilder config;
    private final SourceLocation at;
    private final String word;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private NamedArgs(ConfigBuilder config, SourceLocation at, String word, Map<?, ?> values) {
        this.config = config;
        this.at = at;
        this.word = word;
        // Groovy passes null for a bare call such as "timeouts()"
        if (values != null) {
            values.forEach((name, value) -> this.values.put(String.valueOf(name), value));
        }
    }

    /** Named arguments that must be among {@code allowed}. */
    static NamedArgs of(ConfigBuilder config, SourceLocation at, String word, Map<?, ?> values, String... allowed) {
        NamedArgs args = new NamedArgs(config, at, word, values);
        Set<String> known = new TreeSet<>(Set.of(allowed));
        args.values.keySet().stream().filter(name -> !known.contains(name)).forEach(name ->
                config.problem(at, "'" + word + "' has no option '" + name + "'" + Suggestion.of(name, known)
                        + "allowed: " + String.join(", ", known)));
        return args;
    }

    /** Named arguments passed through to a plugin, which alone knows their names. */
    static NamedArgs open(ConfigBuilder config, SourceLocation at, String word, Map<?, ?> values) {
        return new NamedArgs(config, at, word, values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value as the script wrote it, for an option that takes several shapes; null when absent. */
    Object value(String name) {
        return values.get(name);
    }

    String text(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof CharSequence) {
            return value == null ? null : value.toString();
        }
        return wrongType(name, value, "text in quotes");
    }

    /** One text or a list of texts, as a list; null when absent. */
    List<String> texts(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof CharSequence) {
            return value == null ? null : List.of(value.toString());
        }
        if (value instanceof List<?> list && list.stream().allMatch(CharSequence.class::isInstance)) {
            return list.stream().map(Object::toString).toList();
        }
        return wrongType(name, value, "text in quotes or a list of them");
    }

    /** A map of text to text, such as header fields: {@code headers: ['X-A': '1']}. */
    Map<String, String> textMap(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, String> text = new LinkedHashMap<>();
            map.forEach((key, item) -> text.put(String.valueOf(key), String.valueOf(item)));
            return text;
        }
        wrongType(name, value, "a map in brackets, e.g. ['Name': 'value']");
        return Map.of();
    }

    Integer wholeNumber(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof Integer) {
            return (Integer) value;
        }
        return wrongType(name, value, "a whole number");
    }

    Boolean flag(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        return wrongType(name, value, "true or false");
    }

    /** A duration written as a whole number with ms, s, m or h, greater than zero. */
    Duration duration(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        Duration duration = Durations.parse(text).filter(d -> !d.isZero()).orElse(null);
        if (duration == null) {
            config.problem(at, prefix(name) + "'" + text + "' is not a duration; write a whole number above 0 "
                    + "followed by ms, s, m or h, e.g. 250ms, 1s, 2m");
        }
        return duration;
    }

    /** Every argument as a string; plugins parse their own options. */
    Map<String, String> asText() {
        return asTextExcept(Set.of());
    }

    /** Every argument but the named ones (read by Junction itself) as a string, for a plugin. */
    Map<String, String> asTextExcept(Set<String> own) {
        Map<String, String> text = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (own.contains(name)) {
                return;
            }
            if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
                text.put(name, value.toString());
            } else {
                wrongType(name, value, "text, a number or true/false");
            }
        });
        return text;
    }

    private <T> T wrongType(String name, Object value, String expected) {
        String got = value instanceof CharSequence ? "'" + value + "' (text)" : value + " (" + value.getClass().getSimpleName() + ")";
        config.problem(at, prefix(name) + "got " + got + ", expected " + expected);
        return null;
    }

    private String prefix(String name) {
        return word + " " + name + ": ";
    }
}
