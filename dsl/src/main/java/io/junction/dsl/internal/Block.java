package io.junction.dsl.internal;

import groovy.lang.Closure;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import io.junction.dsl.Usage;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A DSL block while it runs: the spec object its words go to, the interface that lists those
 * words, and how an operator would call the block ("a pool block").
 */
record Block(Object spec, Class<?> dsl, String description) {

    /** The words allowed in this block, sorted, as one line for messages. */
    String words() {
        return String.join(", ", wordSet());
    }

    private TreeSet<String> wordSet() {
        return Arrays.stream(dsl.getMethods()).map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every way to write {@code word}, from the {@link Usage} of its overloads. */
    String usage(String word) {
        return Arrays.stream(dsl.getMethods())
                .filter(method -> method.getName().equals(word))
                .map(method -> method.getAnnotation(Usage.class).value())
                .sorted()
                .collect(Collectors.joining(" or "));
    }

    boolean hasWord(String word) {
        return Arrays.stream(dsl.getMethods()).anyMatch(method -> method.getName().equals(word));
    }

    /**
     * Turns Groovy's "no such method/property" on this block's spec into an operator message. Empty
     * when the failure is about something else, such as a method missing on a string.
     */
    Optional<DslException> explain(RuntimeException failure, ScriptFile file) {
        if (failure instanceof MissingMethodException missing && missing.getType() == spec.getClass()) {
            String word = missing.getMethod();
            String message = hasWord(word)
                    ? "wrong arguments for '" + word + "' (" + describe(missing.getArguments()) + "): use " + usage(word)
                    : "unknown DSL word '" + word + "' in " + description + Suggestion.of(word, wordSet()) + "allowed here: " + words();
            return Optional.of(new DslException(file.failureSite(failure, word), message));
        }
        if (failure instanceof MissingPropertyException missing && missing.getType() == spec.getClass()) {
            String name = missing.getProperty();
            String message = hasWord(name)
                    ? "'" + name + "' needs arguments: use " + usage(name)
                    : "unknown name '" + name + "' in " + description + " (text values need quotes: '" + name
                            + "'); allowed words here: " + words();
            return Optional.of(new DslException(file.failureSite(failure, name), message));
        }
        return Optional.empty();
    }

    private static String describe(Object[] arguments) {
        return Arrays.stream(arguments).map(Block::describe).collect(Collectors.joining(", "));
    }

    private static String describe(Object argument) {
        if (argument == null) {
            return "null";
        }
        if (argument instanceof CharSequence) {
            return "text";
        }
        if (argument instanceof Number) {
            return "number";
        }
        if (argument instanceof Map) {
            return "named arguments";
        }
        if (argument instanceof Closure) {
            return "block";
        }
        return argument.getClass().getSimpleName();
    }
}
