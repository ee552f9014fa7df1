package io.junction.core.routing;

import io.junction.core.model.Matcher;

/**
 * Matches the request host, compared as {@link Matcher.Host#normalize} makes it: exact, {@code *.suffix}, or any
 * ({@code *}). The pattern comes normalised already.
 */
final class HostMatcher {

    private HostMatcher() {
    }

    static CompiledMatcher of(String pattern) {
        if (pattern.equals("*")) {
            return request -> true;
        }
        if (pattern.startsWith("*.")) {
            String suffix = pattern.substring(1);
            return request -> {
                String host = Matcher.Host.normalize(request.host());
                return host.length() > suffix.length() && host.endsWith(suffix);
            };
        }
        return request -> Matcher.Host.normalize(request.host()).equals(pattern);
    }
}
