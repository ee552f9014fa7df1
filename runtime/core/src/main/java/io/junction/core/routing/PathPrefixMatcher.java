package io.junction.core.routing;

import io.junction.api.RequestView;

/**
 * A path prefix matched on segment boundaries: {@code /api} matches {@code /api}, {@code /api/}
 * and {@code /api/x}, never {@code /apix}. A trailing {@code /**} means the same as none.
 */
final class PathPrefixMatcher implements CompiledMatcher {

    private final String prefix;

    private PathPrefixMatcher(String prefix) {
        this.prefix = prefix;
    }

    static PathPrefixMatcher of(String pattern) {
        String p = pattern;
        // reduced to the prefix itself: "/api/**" and "/api/" both match as "/api"
        if (p.endsWith("/**")) {
            p = p.substring(0, p.length() - 3);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return new PathPrefixMatcher(p);
    }

    @Override
    public boolean matches(RequestView request) {
        String path = request.path();
        if (prefix.isEmpty()) {
            return true;
        }
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
