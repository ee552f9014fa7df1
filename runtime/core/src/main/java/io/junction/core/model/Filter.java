package io.junction.core.model;

/**
 * A change a route makes to the request or response on its way through, applied in route order
 * before the route's action: stripping a path prefix, setting, adding or removing headers. The
 * DSL has no filter word yet, so routes carry an empty list.
 */
public interface Filter {
}
