package io.junction.server.metrics;

import static com.codahale.metrics.MetricRegistry.name;

/**
 * Names of Junction's metrics in the Dropwizard registry. They survive reloads: a listener or
 * backend keeps its metrics as long as it keeps its name or address.
 */
public final class MetricNames {

    private MetricNames() {
    }

    /** Timer of every request a listener served (count = requests). */
    public static String listenerRequests(String listener) {
        return name("junction.listener", listener, "requests");
    }

    /** Meter of requests a listener answered with 5xx. */
    public static String listenerErrors(String listener) {
        return name("junction.listener", listener, "errors");
    }

    /** Gauge of client connections open on a listener. */
    public static String listenerActiveConnections(String listener) {
        return name("junction.listener", listener, "active-connections");
    }

    /** Counter of tunnels (WebSocket and other upgrades) a listener opened. */
    public static String listenerTunnels(String listener) {
        return name("junction.listener", listener, "tunnels");
    }

    /** Gauge of tunnels open on a listener. */
    public static String listenerActiveTunnels(String listener) {
        return name("junction.listener", listener, "active-tunnels");
    }

    /** Counter of requests whose client paused its body longer than the body read gap (408, closed). */
    public static String listenerBodyReadGaps(String listener) {
        return name("junction.listener", listener, "body-read-gaps");
    }

    /** Counter of client connections closed because the client left a response unread longer than the write gap. */
    public static String listenerResponseWriteGaps(String listener) {
        return name("junction.listener", listener, "response-write-gaps");
    }

    /** Counter of the times a listener (http or tcp) stopped accepting at its connection cap or the total one. */
    public static String listenerConnectionCapStops(String listener) {
        return name("junction.listener", listener, "connection-cap-stops");
    }

    /** Meter of connections a tcp listener accepted. */
    public static String listenerConnections(String listener) {
        return name("junction.listener", listener, "connections");
    }

    /** Counter of connections a tcp listener closed for a PROXY header: malformed, missing, late or from an untrusted peer. */
    public static String listenerProxyRefused(String listener) {
        return name("junction.listener", listener, "proxy-refused");
    }

    /** Counter of bytes a tcp listener received from its clients. */
    public static String listenerBytesIn(String listener) {
        return name("junction.listener", listener, "bytes-in");
    }

    /** Counter of bytes a tcp listener sent to its clients. */
    public static String listenerBytesOut(String listener) {
        return name("junction.listener", listener, "bytes-out");
    }

    /** Counter of bytes received from a tcp backend. */
    public static String backendBytesIn(String backendId) {
        return name("junction.backend", hostPort(backendId), "bytes-in");
    }

    /** Counter of bytes sent to a tcp backend. */
    public static String backendBytesOut(String backendId) {
        return name("junction.backend", hostPort(backendId), "bytes-out");
    }

    /** Meter of connects to a tcp backend that were refused or timed out. */
    public static String backendConnectFailures(String backendId) {
        return name("junction.backend", hostPort(backendId), "connect-failures");
    }

    /** Timer of requests sent to a backend, from the pick to the end of the exchange (connect failures excluded). */
    public static String backendRequests(String backendId) {
        return name("junction.backend", hostPort(backendId), "requests");
    }

    /** Meter of failed attempts on a backend: refused or timed-out connects, response timeouts, broken exchanges. */
    public static String backendErrors(String backendId) {
        return name("junction.backend", hostPort(backendId), "errors");
    }

    /** Gauge of requests in flight to a backend. */
    public static String backendActiveRequests(String backendId) {
        return name("junction.backend", hostPort(backendId), "active-requests");
    }

    /** Counter of a backend's active-check transitions to up, or to down. */
    public static String backendHealthTransitions(String backendId, boolean up) {
        return name("junction.backend", hostPort(backendId), "health", up ? "went-up" : "went-down");
    }

    /** Meter of picks where the pool's strategy threw or returned no eligible candidate, and round robin stood in. */
    public static String poolStrategyFaults(String pool) {
        return name("junction.pool", pool, "strategy-faults");
    }

    /** Meter of requests answered 503 because every backend they could use was at its connection limit. */
    public static String poolNoRoom(String pool) {
        return name("junction.pool", pool, "no-room");
    }

    /** Meter of passive ejections of the pool's backends. */
    public static String poolEjections(String pool) {
        return name("junction.pool", pool, "ejections");
    }

    /** Counter of requests for which the route's {@code when} predicate threw (the route did not match). */
    public static String routePredicateFailures(String route) {
        return name("junction.route", route, "predicate-failures");
    }

    /** Counter of reloads, by outcome. */
    public static String reloads(boolean succeeded) {
        return name("junction.reloads", succeeded ? "succeeded" : "failed");
    }

    /** Counter of the listener's requests its access log sample left out. */
    public static String listenerAccessLogSampledOut(String listener) {
        return name("junction.listener", listener, "access-log-sampled-out");
    }

    /** Gauge of access log lines dropped because the writer fell behind. */
    public static String accessLogDropped() {
        return "junction.access-log.dropped";
    }

    /** Backend host name lookups that failed (at load, on refresh, or for a connect that found no address). */
    public static String resolverFailures() {
        return "junction.resolver.failures";
    }

    private static String hostPort(String backendId) {
        int scheme = backendId.indexOf("://");
        return scheme < 0 ? backendId : backendId.substring(scheme + 3);
    }
}
