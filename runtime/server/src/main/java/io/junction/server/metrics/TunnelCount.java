package io.junction.server.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener's tunnels (connections a 101 answer turned into a two-way byte stream, e.g. WebSockets): how many
 * are open now ({@code active-tunnels}) and how many were opened in all ({@code tunnels}). Both engines count
 * through it, so the metrics mean the same on either.
 */
public final class TunnelCount {

    private final AtomicInteger active = new AtomicInteger();
    private final Counter total;

    /** Registers the listener's tunnel metrics; a listener bound again under the same name counts on. */
    public TunnelCount(MetricRegistry metrics, String listener) {
        this.total = metrics.counter(MetricNames.listenerTunnels(listener));
        String gauge = MetricNames.listenerActiveTunnels(listener);
        metrics.remove(gauge);
        metrics.register(gauge, (Gauge<Integer>) active::get);
    }

    public void opened() {
        active.incrementAndGet();
        total.inc();
    }

    public void closed() {
        active.decrementAndGet();
    }

    /** Tunnels open now. */
    public int active() {
        return active.get();
    }
}
