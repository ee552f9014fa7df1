package io.junction.core.routing;

import io.junction.core.model.RouteSpec;

import java.util.Map;

/**
 * The route a request resolved to: what it is served with, the route itself, and the named groups its path regex
 * captured ({@code Map.of()} when it has none).
 */
public record RouteMatch<T>(T target, RouteSpec route, Map<String, String> captures) {

    public RouteMatch {
        captures = Map.copyOf(captures);
    }
}
