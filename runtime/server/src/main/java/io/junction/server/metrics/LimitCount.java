package io.junction.server.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;

/**
 * What a listener's client-side limits cut short: request bodies that stalled past the read gap, responses a client
 * left unread past the write gap, and the times the listener stopped accepting at a connection cap. Both engines
 * count through it, so the metrics mean the same on either.
 */
public final class LimitCount {

    private final Counter bodyReadGaps;
    private final Counter responseWriteGaps;
    private final Counter connectionCapStops;

    /** Registers the listener's counters; a listener bound again under the same name counts on. */
    public LimitCount(MetricRegistry metrics, String listener) {
        this.bodyReadGaps = metrics.counter(MetricNames.listenerBodyReadGaps(listener));
        this.responseWriteGaps = metrics.counter(MetricNames.listenerResponseWriteGaps(listener));
        this.connectionCapStops = metrics.counter(MetricNames.listenerConnectionCapStops(listener));
    }

    public void bodyReadGap() {
        bodyReadGaps.inc();
    }

    public void responseWriteGap() {
        responseWriteGaps.inc();
    }

    public void connectionCapStop() {
        connectionCapStops.inc();
    }
}
