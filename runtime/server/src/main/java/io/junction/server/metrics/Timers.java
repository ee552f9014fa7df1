package io.junction.server.metrics;

import com.codahale.metrics.Clock;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

/**
 * Timers updated on every request: I/O threads must never wait on each other, nor allocate ({@link LatencyReservoir}),
 * and an update costs two counter adds and the reservoir's record, no clock read ({@link RatesOnRead}).
 */
public final class Timers {

    private Timers() {
    }

    public static Timer timer(MetricRegistry metrics, String name) {
        return metrics.timer(name, () -> timer(Clock.defaultClock(), new LatencyReservoir()));
    }

    static Timer timer(Clock clock, LatencyReservoir reservoir) {
        RatesOnRead rates = new RatesOnRead(clock);
        Meter meter = new Meter(rates, clock);
        rates.follow(meter);
        return new Timer(meter, new Histogram(reservoir), clock);
    }
}
