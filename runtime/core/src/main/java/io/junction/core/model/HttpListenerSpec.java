package io.junction.core.model;

import java.util.List;

/**
 * An HTTP (L7) listener: its routes in match order, and the route taken when none matches (a route
 * without matchers).
 */
public record HttpListenerSpec(String name, String bindAddress, int port, List<RouteSpec> routes,
                               RouteSpec otherwise, SourceLocation location) implements ListenerSpec {

    /** What a listener does when no route matches and the script has no {@code otherwise}. */
    public static final RouteSpec NO_ROUTE =
            RouteSpec.catchAll(new Action.Respond(404, "no route\n", SourceLocation.UNKNOWN), SourceLocation.UNKNOWN);

    public HttpListenerSpec {
        ListenerSpec.requirePort(name, port);
        routes = List.copyOf(routes);
    }
}
