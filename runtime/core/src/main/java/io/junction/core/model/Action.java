package io.junction.core.model;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What a matched route finally does with the request: its one terminal action. */
public sealed interface Action permits Action.Forward, Action.Split, Action.Redirect, Action.Respond {

    SourceLocation location();

    /** The action in one line as the status API, the diff and {@code junction explain} write it, e.g. {@code forward 'web'}. */
    String describe();

    /** The pools this action may forward to, in the order written; none for an answer of Junction's own. */
    default List<String> pools() {
        return List.of();
    }

    /** Proxy the request to a backend of the named pool. */
    record Forward(String pool, SourceLocation location) implements Action {

        public Forward {
            if (pool == null || pool.isBlank()) {
                throw new InvalidSpecException("forward needs a pool name, e.g. forward 'web'");
            }
        }

        @Override
        public List<String> pools() {
            return List.of(pool);
        }

        @Override
        public String describe() {
            return "forward '" + pool + "'";
        }
    }

    /**
     * Forward to one of several pools, each in proportion to its weight ({@code 5} and {@code 95}: a 5% canary).
     * With a {@code key} the choice is a hash of that part of the request, so one client keeps its pool;
     * without one (or when the request lacks it) each request is drawn at random.
     */
    record Split(List<Share> shares, SplitKey key, SourceLocation location) implements Action {

        public Split {
            shares = List.copyOf(shares);
            if (shares.size() < 2) {
                throw new InvalidSpecException("split needs two pools or more, e.g. split 'api-canary': 5, 'api': 95");
            }
            if (shares.stream().mapToInt(Share::weight).sum() == 0) {
                throw new InvalidSpecException("split weights are all 0: give at least one pool a weight above 0");
            }
            if (shares.stream().map(Share::pool).distinct().count() < shares.size()) {
                throw new InvalidSpecException("split names a pool twice: give each pool one weight");
            }
        }

        @Override
        public List<String> pools() {
            return shares.stream().map(Share::pool).toList();
        }

        @Override
        public String describe() {
            return "split " + pools();
        }

        /** One pool of a split and its weight (0..1000000; 0 takes no requests). */
        public record Share(String pool, int weight) {

            public Share {
                if (pool == null || pool.isBlank()) {
                    throw new InvalidSpecException("split needs a pool name for every weight");
                }
                if (weight < 0 || weight > 1_000_000) {
                    throw new InvalidSpecException("split weight of '" + pool + "' is " + weight + ": use 0..1000000");
                }
            }
        }
    }

    /**
     * Answer with a redirect. Without {@code scheme}, {@code host} and {@code port} the Location is a path on the same
     * site; with any of them it is absolute (scheme {@code http}, host the request's, by default). {@code path} is a
     * template: {@code {path}} is the request path, {@code {name}} a capture of the route's path pattern.
     *
     * @param path      the Location path template, or null for the request's path
     * @param keepQuery whether the request's query string is appended
     * @param port      the port put after the request's host (1..65535), or {@link #SCHEME_PORT} for none (the
     *                  scheme's default); only without {@code host}, which carries its own
     */
    record Redirect(int status, String scheme, String host, String path, boolean keepQuery, int port,
                    SourceLocation location) implements Action {

        /** {@link #port()} when the Location names no port. */
        public static final int SCHEME_PORT = 0;

        private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*");
        private static final Pattern HOST = Pattern.compile("[^/?#\\s@]+");

        public Redirect {
            if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
                throw new InvalidSpecException("redirect status " + status + " is not a redirect: use 301, 302, 303, 307 or 308");
            }
            if (scheme != null && !SCHEME.matcher(scheme).matches()) {
                throw new InvalidSpecException("redirect scheme '" + scheme + "' is not a URL scheme, e.g. https");
            }
            if (host != null && !HOST.matcher(host).matches()) {
                throw new InvalidSpecException("redirect host '" + host + "' is not a host[:port], e.g. www.example.com");
            }
            if (path != null && !path.startsWith("/")) {
                throw new InvalidSpecException("redirect path '" + path + "' must start with '/'");
            }
            if (port < SCHEME_PORT || port > 65535) {
                throw new InvalidSpecException("redirect port " + port + " is not a port: use 1..65535");
            }
            if (port != SCHEME_PORT && host != null) {
                throw new InvalidSpecException("redirect takes a port or a host, not both: write host: 'name:port'");
            }
        }

        /** A redirect to the request's host on the scheme's default port. */
        public Redirect(int status, String scheme, String host, String path, boolean keepQuery, SourceLocation location) {
            this(status, scheme, host, path, keepQuery, SCHEME_PORT, location);
        }

        /** {@code redirectToHttps}: 308 (the method and body are kept) to the same host, path and query on https. */
        public static Redirect toHttps(int port, SourceLocation location) {
            return new Redirect(308, "https", null, null, true, port, location);
        }

        @Override
        public String describe() {
            return "redirect " + status;
        }
    }

    /** Answer directly with a status (100..599), a short text body and extra header fields. */
    record Respond(int status, String body, Map<String, String> headers, SourceLocation location) implements Action {

        public Respond {
            if (status < 100 || status > 599) {
                throw new InvalidSpecException("respond status " + status + " is not an HTTP status: use 100..599");
            }
            headers.keySet().forEach(HeaderName::requireEditable);
            if (headers.keySet().stream().anyMatch("content-type"::equalsIgnoreCase)) {
                throw new InvalidSpecException("respond sends text/plain; charset=utf-8: a Content-Type header is not supported");
            }
            headers.values().forEach(HeaderName::requireValue);
            headers = Map.copyOf(headers);
        }

        public Respond(int status, String body, SourceLocation location) {
            this(status, body, Map.of(), location);
        }

        @Override
        public String describe() {
            return "respond " + status;
        }
    }
}
