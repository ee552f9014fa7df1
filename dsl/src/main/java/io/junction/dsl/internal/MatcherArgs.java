package io.junction.dsl.internal;

import groovy.lang.Closure;
import io.junction.api.RequestView;
import io.junction.core.model.Matcher;
import io.junction.core.model.Matcher.ValueTest;
import io.junction.core.model.SourceLocation;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The matcher words of {@code route(...)}: each named argument becomes a model {@link Matcher}, and {@code any},
 * {@code all} and {@code not} hold more of the same, nested. Bad values are recorded at the route and skipped,
 * so every mistake of a script shows in one run.
 */
final class MatcherArgs {

    /** The named arguments of {@code route(...)}, in the order the reference lists them. */
    static final List<String> WORDS = List.of("host", "path", "exactPath", "pathRegex", "method", "header", "cookie",
            "query", "client", "when", "any", "all", "not");

    private final ConfigBuilder config;
    private final SourceLocation at;

    MatcherArgs(ConfigBuilder config, SourceLocation at) {
        this.config = config;
        this.at = at;
    }

    /** Every matcher of one map of named arguments, in the order written; problems recorded. */
    List<Matcher> matchers(String word, Map<?, ?> values) {
        NamedArgs.of(config, at, word, values, WORDS.toArray(String[]::new));
        List<Matcher> matchers = new ArrayList<>();
        values.forEach((name, value) -> {
            if (WORDS.contains(String.valueOf(name))) {
                matcher(String.valueOf(name), value).ifPresent(matchers::add);
            }
        });
        return matchers;
    }

    private Optional<Matcher> matcher(String name, Object value) {
        return switch (name) {
            case "host" -> texts(name, value).flatMap(hosts -> hosts.size() == 1
                    ? model(() -> new Matcher.Host(hosts.get(0)))
                    : model(() -> new Matcher.AnyOf(hosts.stream().map(h -> List.<Matcher>of(new Matcher.Host(h))).toList())));
            case "path" -> text(name, value).flatMap(path -> model(() -> isGlob(path) ? new Matcher.PathGlob(path) : new Matcher.PathPrefix(path)));
            case "exactPath" -> text(name, value).flatMap(path -> model(() -> new Matcher.PathExact(path)));
            case "pathRegex" -> regex(name, value).flatMap(regex -> model(() -> new Matcher.PathRegex(regex)));
            case "method" -> texts(name, value).flatMap(methods -> model(() -> new Matcher.Method(new TreeSet<>(methods))));
            case "header" -> named(name, value, (header, test) -> new Matcher.Header(header, test));
            case "cookie" -> named(name, value, (cookie, test) -> new Matcher.Cookie(cookie, test));
            case "query" -> named(name, value, (parameter, test) -> new Matcher.Query(parameter, test));
            case "client" -> texts(name, value).flatMap(cidrs -> model(() -> new Matcher.ClientAddress(cidrs)));
            case "when" -> predicate(value);
            case "any" -> groups(name, value).flatMap(groups -> model(() -> new Matcher.AnyOf(groups)));
            case "all" -> groups(name, value).flatMap(groups -> model(() -> new Matcher.AllOf(groups)));
            default -> group("not", value).flatMap(group -> model(() -> new Matcher.Not(group)));
        };
    }

    /** A '*' anywhere but a trailing "/**" makes a path a glob; without one it is a prefix, as it always was. */
    private static boolean isGlob(String path) {
        return path.replaceFirst("/\\*\\*$", "").contains("*");
    }

    private interface NamedMatcher {
        Matcher of(String name, ValueTest test);
    }

    /**
     * {@code header: 'X-Canary'} (present), {@code header: ['X-Canary', 'X-Beta']}, or a map of name to a test:
     * text (equals), a regex ({@code ~/.../}: matches), {@code true} (present) or {@code false} (absent).
     */
    private Optional<Matcher> named(String word, Object value, NamedMatcher matcher) {
        if (value instanceof Map<?, ?> map) {
            List<Matcher> matchers = new ArrayList<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String name = String.valueOf(entry.getKey());
                valueTest(word, name, entry.getValue()).flatMap(test -> model(() -> matcher.of(name, test))).ifPresent(matchers::add);
            }
            return all(matchers);
        }
        return texts(word, value).flatMap(names -> all(names.stream()
                .map(name -> model(() -> matcher.of(name, ValueTest.PRESENT))).flatMap(Optional::stream).toList()));
    }

    private Optional<ValueTest> valueTest(String word, String name, Object value) {
        if (value instanceof Boolean present) {
            return Optional.of(present ? ValueTest.PRESENT : ValueTest.ABSENT);
        }
        if (value instanceof Pattern regex) {
            return model(() -> ValueTest.matching(regex.pattern()));
        }
        if (value instanceof CharSequence text) {
            return Optional.of(ValueTest.equalTo(text.toString()));
        }
        return wrong(word + " '" + name + "'", value, "text (equals), a regex ~/.../ (matches), true (present) or false (absent)");
    }

    private static Optional<Matcher> all(List<Matcher> matchers) {
        if (matchers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(matchers.size() == 1 ? matchers.get(0) : new Matcher.AllOf(matchers.stream().map(List::of).toList()));
    }

    /** {@code when: { request -> ... }}: Groovy truth of the closure's answer, called with the {@link RequestView}. */
    private Optional<Matcher> predicate(Object value) {
        if (!(value instanceof Closure<?> closure)) {
            return wrong("when", value, "a block { request -> ... } answering true or false");
        }
        return model(() -> new Matcher.Script(request -> DefaultTypeTransformation.castToBoolean(closure.call(request)), at));
    }

    private Optional<List<List<Matcher>>> groups(String word, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(Map.class::isInstance)) {
            return wrong(word, value, "a list of matcher maps, e.g. " + word + ": [[host: 'a.example.com'], [path: '/a']]");
        }
        List<List<Matcher>> groups = new ArrayList<>();
        for (Object group : list) {
            groups.add(matchers(word, (Map<?, ?>) group));
        }
        return groups.stream().anyMatch(List::isEmpty) ? Optional.empty() : Optional.of(groups);
    }

    private Optional<List<Matcher>> group(String word, Object value) {
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            return wrong(word, value, "a map of matchers, e.g. " + word + ": [method: 'GET']");
        }
        List<Matcher> group = matchers(word, map);
        return group.isEmpty() ? Optional.empty() : Optional.of(group);
    }

    private Optional<String> text(String word, Object value) {
        return value instanceof CharSequence text ? Optional.of(text.toString()) : wrong(word, value, "text in quotes");
    }

    private Optional<String> regex(String word, Object value) {
        return value instanceof Pattern pattern ? Optional.of(pattern.pattern()) : text(word, value);
    }

    /** One text, or a list of them. */
    private Optional<List<String>> texts(String word, Object value) {
        if (value instanceof CharSequence text) {
            return Optional.of(List.of(text.toString()));
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(CharSequence.class::isInstance)) {
            return Optional.of(list.stream().map(Object::toString).toList());
        }
        return wrong(word, value, "text in quotes, or a list of them ['a', 'b']");
    }

    private <T> Optional<T> model(Supplier<T> value) {
        return config.accepted(at, value);
    }

    private <T> Optional<T> wrong(String word, Object value, String expected) {
        String got = value instanceof CharSequence ? "'" + value + "' (text)"
                : value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
        config.problem(at, "route " + word + ": got " + got + ", expected " + expected);
        return Optional.empty();
    }
}
