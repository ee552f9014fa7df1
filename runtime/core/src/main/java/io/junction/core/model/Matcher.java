package io.junction.core.model;

import java.util.regex.Pattern;

/**
 * One condition a request must meet for a route to match; a route matches when all of its
 * matchers do. The matching logic lives in {@code io.junction.core.routing}, compiled once per
 * generation. Method, header, cookie, query, client address and path pattern matchers come next.
 */
public sealed interface Matcher permits Matcher.Host, Matcher.PathPrefix {

    /** The request host: exact, {@code *.suffix} for every subdomain, or {@code *}; case-insensitive. */
    record Host(String pattern) implements Matcher {

        /** A host name without port or path, optionally starting with the "*." wildcard, or "*" alone. */
        private static final Pattern HOST = Pattern.compile("\\*|(\\*\\.)?[^*/:\\s]+");

        public Host {
            if (pattern == null || !HOST.matcher(pattern).matches()) {
                throw new InvalidSpecException("route host '" + pattern + "' is not a host name: write it without port "
                        + "or path, e.g. shop.example.com, or *.example.com for every subdomain");
            }
        }
    }

    /**
     * A path prefix on segment boundaries ({@code /api} matches {@code /api} and {@code /api/x}, not
     * {@code /apix}); a trailing {@code /**} is accepted and means the same.
     */
    record PathPrefix(String pattern) implements Matcher {

        public PathPrefix {
            if (pattern == null || !pattern.startsWith("/")) {
                throw new InvalidSpecException("route path '" + pattern + "' must start with '/'");
            }
            if (pattern.replaceFirst("/\\*\\*$", "").contains("*")) {
                // matching would take any other '*' literally, which is never what was meant
                throw new InvalidSpecException("route path '" + pattern + "': '*' is only allowed as a trailing /**, "
                        + "meaning the path and everything below it");
            }
        }
    }
}
