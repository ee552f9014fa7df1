package io.junction.core.model;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A change a route makes to the request or response on its way through, applied in route order before
 * the route's action: a path rewrite, or setting, adding or removing a header. The rules that apply
 * them live in {@code io.junction.core.edit}, compiled once per generation.
 */
public sealed interface Filter permits Filter.StripPrefix, Filter.ReplacePrefix, Filter.RegexReplace, Filter.Header {

    /** Removes a leading path prefix on segment boundaries: {@code /api} turns {@code /api/cart} into {@code /cart}. */
    record StripPrefix(String prefix) implements Filter {

        public StripPrefix {
            requirePrefix("stripPrefix", prefix);
        }
    }

    /** Replaces a leading path prefix on segment boundaries: {@code /v1} by {@code /api/v1}. */
    record ReplacePrefix(String prefix, String replacement) implements Filter {

        public ReplacePrefix {
            requirePrefix("replacePrefix", prefix);
            requirePrefix("replacePrefix", replacement);
        }
    }

    /**
     * Replaces every match of a regular expression in the path; the replacement may use the groups
     * ({@code $1}, {@code ${name}}).
     */
    record RegexReplace(String regex, String replacement) implements Filter {

        public RegexReplace {
            Pattern pattern;
            try {
                pattern = Pattern.compile(Objects.requireNonNull(regex, "regex"));
            } catch (PatternSyntaxException e) {
                throw new InvalidSpecException("rewrite regex '" + regex + "' is not a regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
            try {
                // a replacement naming a group the regex lacks fails here, not on a request
                Pattern.compile("(?:" + pattern.pattern() + ")?").matcher("")
                        .replaceFirst(Objects.requireNonNull(replacement, "replacement"));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new InvalidSpecException("rewrite replacement '" + replacement + "': " + e.getMessage());
            }
        }
    }

    /** Sets (replacing every value), adds or removes a header of the request or of the response. */
    record Header(Side side, Op op, String name, String value) implements Filter {

        public enum Side { REQUEST, RESPONSE }

        public enum Op { SET, ADD, REMOVE }

        public Header {
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(op, "op");
            HeaderName.requireEditable(name);
            if (op == Op.REMOVE) {
                value = null;
            } else {
                HeaderName.requireValue(value);
            }
        }
    }

    private static void requirePrefix(String word, String prefix) {
        if (prefix == null || !prefix.startsWith("/")) {
            throw new InvalidSpecException(word + " '" + prefix + "' must start with '/'");
        }
    }
}
