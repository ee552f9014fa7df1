package io.junction.core.routing;

import io.junction.api.RequestView;
import io.junction.core.model.Action;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.RouteSpec;

import java.util.List;

/** A listener's routes compiled for matching; the first route that matches wins. Immutable. */
public final class RouteTable {

    private final Route[] routes;
    private final Action otherwise;

    private RouteTable(Route[] routes, Action otherwise) {
        this.routes = routes;
        this.otherwise = otherwise;
    }

    public static RouteTable compile(HttpListenerSpec listener) {
        List<RouteSpec> specs = listener.routes();
        Route[] routes = new Route[specs.size()];
        for (int i = 0; i < routes.length; i++) {
            RouteSpec spec = specs.get(i);
            routes[i] = new Route(spec, HostMatcher.of(spec.host()), PathPrefix.of(spec.path()));
        }
        return new RouteTable(routes, listener.otherwise());
    }

    /** @return the action of the first matching route, or the listener's {@code otherwise} action */
    public Action match(RequestView request) {
        String host = request.host();
        String path = request.path();
        for (Route route : routes) {
            if (route.host.matches(host) && route.path.matches(path)) {
                return route.spec.action();
            }
        }
        return otherwise;
    }

    private record Route(RouteSpec spec, HostMatcher host, PathPrefix path) {
    }
}
