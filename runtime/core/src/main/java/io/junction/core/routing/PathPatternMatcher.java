package io.junction.core.routing;

import io.junction.api.RequestView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path matched whole by a regular expression: a glob translated once, or a route's own regex, whose named
 * groups are the route's captures.
 */
final class PathPatternMatcher implements CompiledMatcher {

    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private final Pattern pattern;
    private final List<String> groupNames;

    private PathPatternMatcher(Pattern pattern) {
        this.pattern = pattern;
        this.groupNames = GROUP_NAME.matcher(pattern.pattern()).results().map(group -> group.group(1)).toList();
    }

    static PathPatternMatcher regex(String regex) {
        return new PathPatternMatcher(Pattern.compile(regex));
    }

    /** {@code *} within one segment, {@code **} as a whole segment for any number of segments, zero included. */
    static PathPatternMatcher glob(String glob) {
        StringBuilder regex = new StringBuilder();
        String[] segments = glob.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals("**")) {
                regex.append("(?:/.*)?");
            } else if (segment.equals("*")) {
                regex.append("/[^/]+");
            } else {
                regex.append('/').append(String.join("[^/]*", quoteParts(segment)));
            }
        }
        return new PathPatternMatcher(Pattern.compile(regex.toString()));
    }

    private static List<String> quoteParts(String segment) {
        return List.of(segment.split("\\*", -1)).stream().map(part -> part.isEmpty() ? "" : Pattern.quote(part)).toList();
    }

    @Override
    public boolean matches(RequestView request) {
        return pattern.matcher(request.path()).matches();
    }

    boolean hasCaptures() {
        return !groupNames.isEmpty();
    }

    /** The named groups of a matching path, in the order written; empty when the path does not match. */
    Map<String, String> captures(String path) {
        Matcher matcher = pattern.matcher(path);
        if (!matcher.matches()) {
            return Map.of();
        }
        Map<String, String> captures = new LinkedHashMap<>();
        for (String name : groupNames) {
            String value = matcher.group(name);
            if (value != null) {
                captures.put(name, value);
            }
        }
        return captures;
    }
}
