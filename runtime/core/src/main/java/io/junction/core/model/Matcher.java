package io.junction.core.model;

import io.junction.api.RequestView;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition a request must meet for a route to match; a route matches when all of its matchers do.
 * Each record refuses a bad value when built; the matching logic lives in {@code io.junction.core.routing},
 * compiled once per generation. {@link #describe()} writes the matcher as an operator reads it, for explain
 * and lint.
 */
public sealed interface Matcher permits Matcher.Host, Matcher.PathPrefix, Matcher.PathExact, Matcher.PathGlob,
        Matcher.PathRegex, Matcher.Method, Matcher.Header, Matcher.Cookie, Matcher.Query, Matcher.ClientAddress,
        Matcher.Script, Matcher.AnyOf, Matcher.AllOf, Matcher.Not {

    /** The matcher as written in a script, e.g. {@code host 'shop.example.com'}. */
    String describe();

    /**
     * The request host: exact, {@code *.suffix} for every subdomain, or {@code *}; case-insensitive, a trailing
     * dot means the same host.
     */
    record Host(String pattern) implements Matcher {

        /** A host name without port or path, optionally starting with the "*." wildcard, or "*" alone. */
        private static final Pattern HOST = Pattern.compile("\\*|(\\*\\.)?[^*/:\\s]+");

        public Host {
            if (pattern == null || !HOST.matcher(pattern).matches()) {
                throw new InvalidSpecException("route host '" + pattern + "' is not a host name: write it without port "
                        + "or path, e.g. shop.example.com, or *.example.com for every subdomain");
            }
        }

        /** Lower case, without a trailing dot: the form requests are compared in. */
        public String normalized() {
            return normalize(pattern);
        }

        /** A host as routes compare it: lower case, no trailing dot, no port. Allocates only when it changes. */
        public static String normalize(String host) {
            String h = host;
            int colon = h.lastIndexOf(':');
            // a port after the name, never the colons of a bare IPv6 address
            if (colon > 0 && h.indexOf(':') == colon || h.startsWith("[") && h.indexOf("]:") > 0) {
                h = h.substring(0, h.startsWith("[") ? h.indexOf("]:") + 1 : colon);
            }
            if (h.endsWith(".") && h.length() > 1) {
                h = h.substring(0, h.length() - 1);
            }
            for (int i = 0; i < h.length(); i++) {
                if (Character.isUpperCase(h.charAt(i))) {
                    return h.toLowerCase(Locale.ROOT);
                }
            }
            return h;
        }

        @Override
        public String describe() {
            return "host '" + pattern + "'";
        }
    }

    /**
     * A path prefix on segment boundaries ({@code /api} matches {@code /api} and {@code /api/x}, not
     * {@code /apix}); a trailing {@code /**} is accepted and means the same.
     */
    record PathPrefix(String pattern) implements Matcher {

        public PathPrefix {
            requirePath("path", pattern);
            if (pattern.replaceFirst("/\\*\\*$", "").contains("*")) {
                // matching would take any other '*' literally, which is never what was meant
                throw new InvalidSpecException("route path '" + pattern + "': '*' is only allowed as a trailing /**, "
                        + "meaning the path and everything below it");
            }
        }

        /** The prefix itself: "/api/**" and "/api/" both match as "/api", "/" as "". */
        public String prefix() {
            String p = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3) : pattern;
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            return p;
        }

        /** Whether {@code path} is {@code prefix} (as {@link #prefix()} gives it) or below it, on a segment boundary. */
        public static boolean under(String path, String prefix) {
            return prefix.isEmpty() || path.startsWith(prefix)
                    && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
        }

        @Override
        public String describe() {
            return "path '" + pattern + "'";
        }
    }

    /** The whole path, exactly (after percent-decoding). */
    record PathExact(String path) implements Matcher {

        public PathExact {
            requirePath("exactPath", path);
        }

        @Override
        public String describe() {
            return "exactPath '" + path + "'";
        }
    }

    /**
     * A path glob: {@code *} is one segment or part of one (never a '/'), {@code **} as a whole segment is any
     * number of segments, zero included ({@code /api/*}{@code /items/**}).
     */
    record PathGlob(String pattern) implements Matcher {

        public PathGlob {
            requirePath("path", pattern);
            for (String segment : pattern.split("/", -1)) {
                if (segment.contains("**") && !segment.equals("**")) {
                    throw new InvalidSpecException("route path '" + pattern + "': '**' must be a whole segment "
                            + "(/a/**/b), it matches any number of segments; '*' matches within one");
                }
            }
        }

        @Override
        public String describe() {
            return "path '" + pattern + "'";
        }
    }

    /** A Java regular expression the whole path must match; its named groups are the route's captures. */
    record PathRegex(String regex) implements Matcher {

        public PathRegex {
            compileRegex("pathRegex", regex);
        }

        @Override
        public String describe() {
            return "pathRegex '" + regex + "'";
        }
    }

    /** The request method is one of these (upper case, as sent). */
    record Method(Set<String> methods) implements Matcher {

        private static final Pattern TOKEN = Pattern.compile("[A-Z][A-Z-]*");

        public Method {
            if (methods == null || methods.isEmpty()) {
                throw new InvalidSpecException("route method needs at least one method, e.g. method: 'GET' or ['GET', 'HEAD']");
            }
            for (String method : methods) {
                if (method == null || !TOKEN.matcher(method).matches()) {
                    throw new InvalidSpecException("route method '" + method + "' is not an HTTP method: write it in "
                            + "upper case, e.g. GET, POST");
                }
            }
            methods = Set.copyOf(new TreeSet<>(methods));
        }

        @Override
        public String describe() {
            return "method " + new TreeSet<>(methods);
        }
    }

    /** How a named value of the request (a header, a cookie, a query parameter) must be. */
    record ValueTest(Kind kind, String value) {

        public enum Kind { PRESENT, ABSENT, EQUALS, MATCHES }

        public static final ValueTest PRESENT = new ValueTest(Kind.PRESENT, null);
        public static final ValueTest ABSENT = new ValueTest(Kind.ABSENT, null);

        public ValueTest {
            Objects.requireNonNull(kind, "kind");
            if ((kind == Kind.EQUALS || kind == Kind.MATCHES) != (value != null)) {
                throw new IllegalArgumentException(kind + " " + (value == null ? "needs a value" : "takes no value"));
            }
            if (kind == Kind.MATCHES) {
                compileRegex("value", value);
            }
        }

        public static ValueTest equalTo(String value) {
            return new ValueTest(Kind.EQUALS, value);
        }

        public static ValueTest matching(String regex) {
            return new ValueTest(Kind.MATCHES, regex);
        }

        String describe(String word, String name) {
            return switch (kind) {
                case PRESENT -> word + " '" + name + "' present";
                case ABSENT -> word + " '" + name + "' absent";
                case EQUALS -> word + " '" + name + "' == '" + value + "'";
                case MATCHES -> word + " '" + name + "' ~ /" + value + "/";
            };
        }
    }

    /** A request header, by name (case-insensitive); its first value is tested. */
    record Header(String name, ValueTest test) implements Matcher {

        public Header {
            requireName("header", name);
            Objects.requireNonNull(test, "test");
        }

        @Override
        public String describe() {
            return test.describe("header", name);
        }
    }

    /** A cookie, by name (case-sensitive, as browsers send it). */
    record Cookie(String name, ValueTest test) implements Matcher {

        public Cookie {
            requireName("cookie", name);
            Objects.requireNonNull(test, "test");
        }

        @Override
        public String describe() {
            return test.describe("cookie", name);
        }
    }

    /** A query parameter, by name (case-sensitive); its first value is tested. */
    record Query(String name, ValueTest test) implements Matcher {

        public Query {
            requireName("query", name);
            Objects.requireNonNull(test, "test");
        }

        @Override
        public String describe() {
            return test.describe("query", name);
        }
    }

    /** The client's address is in one of these CIDR blocks (IPv4 or IPv6; a bare address is one host). */
    record ClientAddress(List<String> cidrs) implements Matcher {

        public ClientAddress {
            if (cidrs == null || cidrs.isEmpty()) {
                throw new InvalidSpecException("route client needs at least one address block, e.g. client: '10.0.0.0/8'");
            }
            cidrs = List.copyOf(cidrs);
            for (String cidr : cidrs) {
                try {
                    AddressRange.parse(cidr);
                } catch (InvalidSpecException e) {
                    throw new InvalidSpecException("route client: " + e.getMessage());
                }
            }
        }

        @Override
        public String describe() {
            return "client " + cidrs;
        }
    }

    /** A script's own test of the request: the only matcher that runs script code per request. */
    record Script(Predicate<RequestView> test, SourceLocation location) implements Matcher {

        public Script {
            Objects.requireNonNull(test, "test");
        }

        @Override
        public String describe() {
            return "when { ... } at " + location;
        }
    }

    /** At least one of the groups matches; each group matches when all of its matchers do. */
    record AnyOf(List<List<Matcher>> groups) implements Matcher {

        public AnyOf {
            groups = requireGroups("any", groups);
        }

        @Override
        public String describe() {
            return "any" + describeGroups(groups);
        }
    }

    /** Every group matches. */
    record AllOf(List<List<Matcher>> groups) implements Matcher {

        public AllOf {
            groups = requireGroups("all", groups);
        }

        @Override
        public String describe() {
            return "all" + describeGroups(groups);
        }
    }

    /** The matchers of the group do not all match. */
    record Not(List<Matcher> group) implements Matcher {

        public Not {
            if (group == null || group.isEmpty()) {
                throw new InvalidSpecException("not needs at least one matcher, e.g. not: [method: 'GET']");
            }
            group = List.copyOf(group);
        }

        @Override
        public String describe() {
            return "not" + describeGroups(List.of(group));
        }
    }

    private static void requirePath(String word, String path) {
        if (path == null || !path.startsWith("/")) {
            throw new InvalidSpecException("route " + word + " '" + path + "' must start with '/'");
        }
    }

    private static void requireName(String word, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidSpecException("route " + word + " needs a name, e.g. " + word + ": ['name': 'value']");
        }
    }

    static Pattern compileRegex(String word, String regex) {
        try {
            return Pattern.compile(Objects.requireNonNull(regex, word));
        } catch (PatternSyntaxException e) {
            throw new InvalidSpecException("route " + word + " /" + regex + "/ is not a regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private static List<List<Matcher>> requireGroups(String word, List<List<Matcher>> groups) {
        if (groups == null || groups.isEmpty() || groups.stream().anyMatch(List::isEmpty)) {
            throw new InvalidSpecException(word + " needs groups of matchers, e.g. " + word
                    + ": [[host: 'a.example.com'], [path: '/a']]");
        }
        return groups.stream().map(List::copyOf).toList();
    }

    private static String describeGroups(List<List<Matcher>> groups) {
        return groups.stream()
                .map(group -> "[" + String.join(", ", group.stream().map(Matcher::describe).toList()) + "]")
                .toList().toString();
    }
}
