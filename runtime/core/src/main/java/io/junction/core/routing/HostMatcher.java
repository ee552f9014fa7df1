package io.junction.core.routing;

import io.junction.api.RequestView;

import java.util.Locale;

/** Matches the request host (already without port, lower case): exact, {@code *.suffix}, or any ({@code *}). */
abstract class HostMatcher implements CompiledMatcher {

    private static final HostMatcher ANY = new HostMatcher() {
        @Override
        boolean matches(String host) {
            return true;
        }
    };

    abstract boolean matches(String host);

    @Override
    public boolean matches(RequestView request) {
        return matches(request.host());
    }

    static HostMatcher of(String pattern) {
        if (pattern.equals("*")) {
            return ANY;
        }
        String lower = pattern.toLowerCase(Locale.ROOT);
        if (lower.startsWith("*.")) {
            String suffix = lower.substring(1);
            return new HostMatcher() {
                @Override
                boolean matches(String host) {
                    return host.length() > suffix.length() && host.endsWith(suffix);
                }
            };
        }
        return new HostMatcher() {
            @Override
            boolean matches(String host) {
                return host.equals(lower);
            }
        };
    }
}
