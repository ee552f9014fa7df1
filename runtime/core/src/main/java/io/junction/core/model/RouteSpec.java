package io.junction.core.model;

/**
 * One route: matches requests by host (exact, or {@code *.suffix}; {@code null} for any) and by
 * path prefix on segment boundaries ({@code /api} matches {@code /api} and {@code /api/x}, not
 * {@code /apix}; a trailing {@code /**} is accepted and means the same).
 */
public record RouteSpec(String host, String path, Action action, SourceLocation location) {
}
