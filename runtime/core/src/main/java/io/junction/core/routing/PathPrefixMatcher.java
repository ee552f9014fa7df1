package io.junction.core.routing;

import io.junction.core.model.Matcher;

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
        return request -> Matcher.PathPrefix.under(request.path(), prefix);
    }
}
