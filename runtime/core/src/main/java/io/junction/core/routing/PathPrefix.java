package io.junction.core.routing;

/**
 * A path prefix matched on segment boundaries: {@code /api} matches {@code /api}, {@code /api/}
 * and {@code /api/x}, never {@code /apix}. A trailing {@code /**} means the same as none.
 */
final class PathPrefix {

    private final String prefix;

    private PathPrefix(String prefix) {
        this.prefix = prefix;
    }

    static PathPrefix of(String pattern) {
        String p = pattern == null ? "/" : pattern;
        if (p.endsWith("/**")) {
            p = p.substring(0, p.length() - 3);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return new PathPrefix(p);
    }

    boolean matches(String path) {
        if (prefix.isEmpty()) {
            return true;
        }
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
