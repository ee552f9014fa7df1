package io.junction.server.metrics;

import com.codahale.metrics.Clock;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.MovingAverages;
import com.codahale.metrics.Timer;

/**
 * Timers updated on every request: I/O threads must never wait on each other, nor allocate ({@link LatencyReservoir}),
 * and an update costs one counter add and the reservoir's record, no clock read ({@link RatesOnRead}).
 */
public final class Timers {

    private Timers() {
    }

    public static Timer timer(MetricRegistry metrics, String name) {
        return metrics.timer(name, () -> timer(Clock.defaultClock(), new LatencyReservoir()));
    }

    static Timer timer(Clock clock, LatencyReservoir reservoir) {
        Histogram histogram = new Histogram(reservoir);
        Meter meter = new CountOfHistogram(new RatesOnRead(clock, histogram), clock, histogram);
        return new Timer(meter, histogram, clock);
    }

    /**
     * A timer's meter: the timer's histogram already counts every update (Dropwizard's {@code Timer.getCount} reads
     * it), so the meter reads that count instead of adding to one of its own.
     */
    private static final class CountOfHistogram extends Meter {
        private final Histogram histogram;

        CountOfHistogram(MovingAverages rates, Clock clock, Histogram histogram) {
            super(rates, clock);
            this.histogram = histogram;
        }

        /** Also what {@code mark()} calls. */
        @Override
        public void mark(long n) {
        }

        @Override
        public long getCount() {
            return histogram.getCount();
        }
    }
}
