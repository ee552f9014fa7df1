package io.junction.core.routing;

import io.junction.api.RequestView;
import io.junction.core.model.Action;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.RouteSpec;

import java.util.List;
import java.util.function.Function;

/**
 * A listener's routes compiled for matching; the first route that matches wins, else the
 * listener's {@code otherwise}. Each action is resolved once, at compile time, to whatever the
 * caller serves it with ({@code T}: a handler in the server, the action itself in tests). Immutable.
 */
public final class RouteTable<T> {

    private final Route<T>[] routes;
    private final T otherwise;

    private RouteTable(Route<T>[] routes, T otherwise) {
        this.routes = routes;
        this.otherwise = otherwise;
    }

    @SuppressWarnings("unchecked")
    public static <T> RouteTable<T> compile(HttpListenerSpec listener, Function<Action, T> resolve) {
        List<RouteSpec> specs = listener.routes();
        Route<T>[] routes = new Route[specs.size()];
        for (int i = 0; i < routes.length; i++) {
            RouteSpec spec = specs.get(i);
            routes[i] = new Route<>(HostMatcher.of(spec.host()), PathPrefix.of(spec.path()), resolve.apply(spec.action()));
        }
        return new RouteTable<>(routes, resolve.apply(listener.otherwise()));
    }

    public static RouteTable<Action> compile(HttpListenerSpec listener) {
        return compile(listener, Function.identity());
    }

    public T match(RequestView request) {
        String host = request.host();
        String path = request.path();
        for (Route<T> route : routes) {
            if (route.host.matches(host) && route.path.matches(path)) {
                return route.target;
            }
        }
        return otherwise;
    }

    private record Route<T>(HostMatcher host, PathPrefix path, T target) {
    }
}
