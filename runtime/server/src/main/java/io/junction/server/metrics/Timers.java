package io.junction.server.metrics;

import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

/** Timers updated on every request: a lock-free reservoir, since I/O threads must never wait on each other. */
public final class Timers {

    private Timers() {
    }

    public static Timer timer(MetricRegistry metrics, String name) {
        return metrics.timer(name, () -> new Timer(LockFreeExponentiallyDecayingReservoir.builder().build()));
    }
}
