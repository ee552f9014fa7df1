package io.junction.core.routing;

import io.junction.api.RequestView;
import io.junction.core.model.Matcher;
import io.junction.core.model.RouteSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Narrows the routes a request must be tried against, by its host (a map of exact hosts, then of wildcard
 * suffixes) and then its path ({@link PathTrie}). Each list keeps route order and holds every route that could
 * match, so trying the list in order gives what trying every route in order would: the first match wins.
 */
final class RouteIndex {

    private final Map<String, PathTrie> exactHosts;
    private final Map<String, PathTrie> wildcards;
    private final PathTrie anyHost;

    private RouteIndex(Map<String, PathTrie> exactHosts, Map<String, PathTrie> wildcards, PathTrie anyHost) {
        this.exactHosts = exactHosts;
        this.wildcards = wildcards;
        this.anyHost = anyHost;
    }

    static RouteIndex of(List<RouteSpec> routes) {
        List<Set<String>> hosts = routes.stream().map(RouteIndex::hosts).toList();
        List<List<String>> segments = routes.stream().map(RouteIndex::literalSegments).toList();
        Set<String> exact = new TreeSet<>();
        Set<String> suffixes = new TreeSet<>();
        hosts.forEach(set -> set.forEach(host -> (host.startsWith(".") ? suffixes : exact).add(host)));
        Map<String, PathTrie> exactHosts = new HashMap<>();
        exact.forEach(host -> exactHosts.put(host, trie(hosts, segments, pattern -> pattern.equals(host) || covers(pattern, host))));
        Map<String, PathTrie> wildcards = new HashMap<>();
        suffixes.forEach(suffix -> wildcards.put(suffix, trie(hosts, segments, pattern -> pattern.equals(suffix) || covers(pattern, suffix))));
        return new RouteIndex(Map.copyOf(exactHosts), Map.copyOf(wildcards), trie(hosts, segments, pattern -> false));
    }

    /** The routes that may match, in route order. */
    int[] candidates(RequestView request) {
        if (exactHosts.isEmpty() && wildcards.isEmpty()) {
            // no route names a host: the host need not be read, nor normalized per request
            return anyHost.candidates(request.path());
        }
        String host = Matcher.Host.normalize(request.host());
        PathTrie trie = exactHosts.get(host);
        if (trie == null) {
            trie = wildcards.isEmpty() ? anyHost : longestWildcard(host);
        }
        return trie.candidates(request.path());
    }

    /** The most specific wildcard covering the host: its list also holds the routes of every wider one. */
    private PathTrie longestWildcard(String host) {
        for (int dot = host.indexOf('.', 1); dot > 0; dot = host.indexOf('.', dot + 1)) {
            PathTrie trie = wildcards.get(host.substring(dot));
            if (trie != null) {
                return trie;
            }
        }
        return anyHost;
    }

    private interface HostTest {
        boolean covers(String pattern);
    }

    /** A trie of the routes with any host, or with a host pattern the test accepts. */
    private static PathTrie trie(List<Set<String>> hosts, List<List<String>> segments, HostTest test) {
        List<List<String>> kept = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            kept.add(hosts.get(i).isEmpty() || hosts.get(i).stream().anyMatch(test::covers) ? segments.get(i) : null);
        }
        return PathTrie.build(kept);
    }

    /** Whether a wildcard suffix pattern (".example.com") covers a host or a narrower suffix. */
    private static boolean covers(String pattern, String host) {
        return pattern.startsWith(".") && host.length() > pattern.length() && host.endsWith(pattern);
    }

    /**
     * The hosts a route needs, normalised, a wildcard as its suffix (".example.com"); empty when any host will do.
     * Read from its first host matcher, alone or as the only kind in an {@code any}.
     */
    private static Set<String> hosts(RouteSpec route) {
        for (Matcher matcher : route.matchers()) {
            if (matcher instanceof Matcher.Host host) {
                return hostKey(host).map(Set::of).orElse(Set.of());
            }
            if (matcher instanceof Matcher.AnyOf any && any.groups().stream().allMatch(RouteIndex::isSingleHost)) {
                Set<String> keys = new TreeSet<>();
                for (List<Matcher> group : any.groups()) {
                    Optional<String> key = hostKey((Matcher.Host) group.get(0));
                    if (key.isEmpty()) {
                        return Set.of();
                    }
                    keys.add(key.get());
                }
                return keys;
            }
        }
        return Set.of();
    }

    private static boolean isSingleHost(List<Matcher> group) {
        return group.size() == 1 && group.get(0) instanceof Matcher.Host;
    }

    private static Optional<String> hostKey(Matcher.Host host) {
        String pattern = host.normalized();
        if (pattern.equals("*")) {
            return Optional.empty();
        }
        return Optional.of(pattern.startsWith("*.") ? pattern.substring(1) : pattern);
    }

    /** The literal path segments a route needs, from its first path matcher; none for a regex or no path. */
    private static List<String> literalSegments(RouteSpec route) {
        for (Matcher matcher : route.matchers()) {
            if (matcher instanceof Matcher.PathPrefix prefix) {
                return PathTrie.segments(prefix.prefix());
            }
            if (matcher instanceof Matcher.PathExact exact) {
                return PathTrie.segments(exact.path());
            }
            if (matcher instanceof Matcher.PathGlob glob) {
                List<String> literal = new ArrayList<>();
                for (String segment : PathTrie.segments(glob.pattern())) {
                    if (segment.contains("*")) {
                        break;
                    }
                    literal.add(segment);
                }
                return literal;
            }
        }
        return List.of();
    }
}
