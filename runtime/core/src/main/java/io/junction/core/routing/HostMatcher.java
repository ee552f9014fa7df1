package io.junction.core.routing;

import java.util.Locale;

/** Matches the request host (already without port, lower case): exact, {@code *.suffix}, or any. */
abstract class HostMatcher {

    private static final HostMatcher ANY = new HostMatcher() {
        @Override
        boolean matches(String host) {
            return true;
        }
    };

    abstract boolean matches(String host);

    static HostMatcher of(String pattern) {
        if (pattern == null || pattern.isEmpty() || pattern.equals("*")) {
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
