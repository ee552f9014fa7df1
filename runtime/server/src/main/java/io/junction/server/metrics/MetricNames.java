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

    /** Counter of reloads, by outcome. */
    public static String reloads(boolean succeeded) {
        return name("junction.reloads", succeeded ? "succeeded" : "failed");
    }

    /** Gauge of access log lines dropped because the writer fell behind. */
    public static String accessLogDropped() {
        return "junction.access-log.dropped";
    }

    private static String hostPort(String backendId) {
        int scheme = backendId.indexOf("://");
        return scheme < 0 ? backendId : backendId.substring(scheme + 3);
    }
}
