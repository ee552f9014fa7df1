package io.junction.server.metrics;

import com.codahale.metrics.MetricRegistry;
import io.junction.core.http.ConnectionSlots;

/**
 * What one http listener counts through, on either engine: its tunnels, what its limits cut short, and its open
 * connections against its own cap and the total one.
 */
public record ListenerCounts(TunnelCount tunnels, LimitCount limits, ConnectionSlots slots) {

    /** Registers the listener's metrics; its slots count under {@code total}, held to {@code maxConnections} (0 = none). */
    public static ListenerCounts register(MetricRegistry metrics, String listener, ConnectionSlots total, int maxConnections) {
        return new ListenerCounts(new TunnelCount(metrics, listener), new LimitCount(metrics, listener), total.listener(maxConnections));
    }
}
