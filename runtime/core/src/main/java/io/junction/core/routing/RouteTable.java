package io.junction.core.routing;

import io.junction.api.RequestView;
import io.junction.core.model.Action;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.Matcher;
import io.junction.core.model.RouteSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A listener's routes compiled for matching; the first route whose matchers all match wins, in declaration order,
 * else the listener's {@code otherwise}. A {@link RouteIndex} (hosts, then a path trie) narrows the routes tried to
 * those that could match, in the same order, so the answer is the same as trying them all. Each route (its filters,
 * action and policy) is resolved once, at compile time, to whatever the caller serves it with ({@code T}: a handler
 * in the server, the action itself in tests). Immutable.
 */
public final class RouteTable<T> {

    private final Route<T>[] routes;
    private final RouteIndex index;
    private final RouteMatch<T> otherwise;

    private RouteTable(Route<T>[] routes, RouteIndex index, RouteMatch<T> otherwise) {
        this.routes = routes;
        this.index = index;
        this.otherwise = otherwise;
    }

    public static <T> RouteTable<T> compile(HttpListenerSpec listener, Function<RouteSpec, T> resolve) {
        return compile(listener, resolve, PredicateFailures.IGNORE);
    }

    /** @param failures told of each {@code when} predicate that throws, when the table serves requests */
    public static <T> RouteTable<T> compile(HttpListenerSpec listener, Function<RouteSpec, T> resolve, PredicateFailures failures) {
        return compile(listener.routes(), listener.otherwise(), resolve, failures);
    }

    /** @param otherwise the route taken when none matches; null: {@link #match} answers null then */
    public static <T> RouteTable<T> compile(List<RouteSpec> specs, RouteSpec otherwise, Function<RouteSpec, T> resolve) {
        return compile(specs, otherwise, resolve, PredicateFailures.IGNORE);
    }

    @SuppressWarnings("unchecked")
    private static <T> RouteTable<T> compile(List<RouteSpec> specs, RouteSpec otherwise, Function<RouteSpec, T> resolve,
                                             PredicateFailures failures) {
        Route<T>[] routes = new Route[specs.size()];
        for (int i = 0; i < routes.length; i++) {
            routes[i] = Route.of(specs.get(i), resolve.apply(specs.get(i)), failures);
        }
        RouteMatch<T> fallback = otherwise == null ? null : new RouteMatch<>(resolve.apply(otherwise), otherwise, Map.of());
        return new RouteTable<>(routes, RouteIndex.of(specs), fallback);
    }

    /** Matches to the route's action, for tests. */
    public static RouteTable<Action> compile(HttpListenerSpec listener) {
        return compile(listener, RouteSpec::action);
    }

    /** What the request is served with: the hot path, no allocation unless a matcher needs it. */
    public T match(RequestView request) {
        Route<T> route = first(request);
        if (route != null) {
            return route.match.target();
        }
        return otherwise == null ? null : otherwise.target();
    }

    /** The route the request resolves to, with its path captures; null when nothing matches and there is no otherwise. */
    public RouteMatch<T> resolve(RequestView request) {
        Route<T> route = first(request);
        if (route == null) {
            return otherwise;
        }
        if (route.captures == null) {
            return route.match;
        }
        return new RouteMatch<>(route.match.target(), route.match.route(), route.captures.captures(request.path()));
    }

    /** Every route tried in order up to the one that matches, each with the first matcher that failed. */
    public Explanation explain(RequestView request) {
        List<Explanation.Step> steps = new ArrayList<>();
        for (Route<T> route : routes) {
            String failed = route.firstFailure(request);
            steps.add(new Explanation.Step(route.match.route(), failed));
            if (failed == null) {
                RouteMatch<T> match = resolve(request);
                return new Explanation(steps, match.route(), match.captures());
            }
        }
        return new Explanation(steps, otherwise == null ? null : otherwise.route(), Map.of());
    }

    private Route<T> first(RequestView request) {
        for (int i : index.candidates(request)) {
            if (routes[i].matches(request)) {
                return routes[i];
            }
        }
        return null;
    }

    /**
     * @param captures the path regex whose named groups the route captures, or null
     * @param failures told when a {@code when} predicate of the route throws; the route then does not match
     */
    private record Route<T>(CompiledMatcher[] matchers, RouteMatch<T> match, PathPatternMatcher captures,
                            PredicateFailures failures) {

        static <T> Route<T> of(RouteSpec spec, T target, PredicateFailures failures) {
            CompiledMatcher[] matchers = spec.matchers().stream().map(CompiledMatcher::of).toArray(CompiledMatcher[]::new);
            PathPatternMatcher captures = null;
            for (CompiledMatcher matcher : matchers) {
                if (matcher instanceof PathPatternMatcher path && path.hasCaptures()) {
                    captures = path;
                }
            }
            return new Route<>(matchers, new RouteMatch<>(target, spec, Map.of()), captures, failures);
        }

        boolean matches(RequestView request) {
            try {
                for (CompiledMatcher matcher : matchers) {
                    if (!matcher.matches(request)) {
                        return false;
                    }
                }
                return true;
            } catch (PredicateThrew threw) {
                failures.threw(match.route(), threw.failure());
                return false;
            }
        }

        /** The first matcher that fails, as written, or the predicate that threw; null when all match. */
        String firstFailure(RequestView request) {
            List<Matcher> written = match.route().matchers();
            for (int i = 0; i < matchers.length; i++) {
                try {
                    if (!matchers[i].matches(request)) {
                        return written.get(i).describe();
                    }
                } catch (PredicateThrew threw) {
                    return PredicateFailures.explain(threw.failure());
                }
            }
            return null;
        }
    }
}
