package io.junction.core.model;

import java.util.List;

/**
 * An HTTP (L7) listener: where it binds, its routes in match order, and what happens when none
 * matches. Port 0 asks the system for a free port (used by tests).
 */
public record HttpListenerSpec(String name, String bindAddress, int port, List<RouteSpec> routes,
                               Action otherwise, SourceLocation location) {

    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";

    /** What a listener does when no route matches and the script has no {@code otherwise}. */
    public static final Action NO_ROUTE = new Action.Respond(404, "no route\n", SourceLocation.UNKNOWN);

    public HttpListenerSpec {
        routes = List.copyOf(routes);
    }
}
