package io.junction.core.routing;

import io.junction.api.RequestView;
import io.junction.core.model.Action;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.RouteSpec;

import java.util.List;
import java.util.function.Function;

/**
 * A listener's routes compiled for matching; the first route whose matchers all match wins, else
 * the listener's {@code otherwise}. Each route (its filters, action and policy) is resolved once, at
 * compile time, to whatever the caller serves it with ({@code T}: a handler in the server, the
 * action itself in tests). Immutable.
 */
public final class RouteTable<T> {

    private final Route<T>[] routes;
    private final T otherwise;

    private RouteTable(Route<T>[] routes, T otherwise) {
        this.routes = routes;
        this.otherwise = otherwise;
    }

    public static <T> RouteTable<T> compile(HttpListenerSpec listener, Function<RouteSpec, T> resolve) {
        return compile(listener.routes(), listener.otherwise(), resolve);
    }

    /** @param otherwise the route taken when none matches; null: {@link #match} answers null then */
    @SuppressWarnings("unchecked")
    public static <T> RouteTable<T> compile(List<RouteSpec> specs, RouteSpec otherwise, Function<RouteSpec, T> resolve) {
        Route<T>[] routes = new Route[specs.size()];
        for (int i = 0; i < routes.length; i++) {
            RouteSpec spec = specs.get(i);
            CompiledMatcher[] matchers = spec.matchers().stream().map(CompiledMatcher::of).toArray(CompiledMatcher[]::new);
            routes[i] = new Route<>(matchers, resolve.apply(spec));
        }
        return new RouteTable<>(routes, otherwise == null ? null : resolve.apply(otherwise));
    }

    /** Matches to the route's action, for tests. */
    public static RouteTable<Action> compile(HttpListenerSpec listener) {
        return compile(listener, RouteSpec::action);
    }

    public T match(RequestView request) {
        for (Route<T> route : routes) {
            if (route.matches(request)) {
                return route.target;
            }
        }
        return otherwise;
    }

    private record Route<T>(CompiledMatcher[] matchers, T target) {

        boolean matches(RequestView request) {
            for (CompiledMatcher matcher : matchers) {
                if (!matcher.matches(request)) {
                    return false;
                }
            }
            return true;
        }
    }
}
