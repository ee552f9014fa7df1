package io.junction.core.model;

import java.util.List;

/**
 * One route: the request matches when every matcher does (no matchers: every request); the
 * filters then change it in order, and the action ends it, under the route's policy.
 */
public record RouteSpec(List<Matcher> matchers, List<Filter> filters, Action action, RoutePolicy policy,
                        SourceLocation location) {

    public RouteSpec {
        matchers = List.copyOf(matchers);
        filters = List.copyOf(filters);
    }

    /** A route that matches every request and only runs {@code action}, as {@code otherwise} does. */
    public static RouteSpec catchAll(Action action, SourceLocation location) {
        return new RouteSpec(List.of(), List.of(), action, RoutePolicy.DEFAULTS, location);
    }
}
