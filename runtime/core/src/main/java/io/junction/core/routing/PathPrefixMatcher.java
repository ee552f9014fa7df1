package io.junction.core.routing;

/**
 * A path prefix matched on segment boundaries: {@code /api} matches {@code /api}, {@code /api/}
 * and {@code /api/x}, never {@code /apix}. Built from {@code Matcher.PathPrefix#prefix()}.
 */
final class PathPrefixMatcher {

    private PathPrefixMatcher() {
    }

    static CompiledMatcher of(String prefix) {
        if (prefix.isEmpty()) {
            return request -> true;
        }
        return request -> under(request.path(), prefix);
    }

    /** Whether {@code path} is {@code prefix} or below it. */
    static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
