package io.junction.server.metrics;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

/** Timers updated on every request: I/O threads must never wait on each other, nor allocate ({@link LatencyReservoir}). */
public final class Timers {

    private Timers() {
    }

    public static Timer timer(MetricRegistry metrics, String name) {
        return metrics.timer(name, () -> new Timer(new LatencyReservoir()));
    }
}
