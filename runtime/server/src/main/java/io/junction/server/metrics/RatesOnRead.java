package io.junction.server.metrics;

import com.codahale.metrics.Clock;
import com.codahale.metrics.Counting;
import com.codahale.metrics.EWMA;
import com.codahale.metrics.MovingAverages;

import java.util.concurrent.TimeUnit;

/**
 * A meter's 1, 5 and 15 minute rates, worked out when one is read from how far its count moved, not on every mark:
 * Dropwizard's default reads the clock and adds to three more counters per mark, on the I/O threads' path, for
 * rates that the Prometheus text does not even carry. The count between two reads is spread evenly over the 5 s
 * ticks it spans, so the rates are the default's exactly when something reads at least once a tick (the dashboard)
 * or the traffic was steady, and a smoothed version of them otherwise.
 */
final class RatesOnRead implements MovingAverages {

    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Clock clock;
    /** What the rates are made from: the count of the meter's marks. */
    private final Counting counted;
    private final EWMA m1 = EWMA.oneMinuteEWMA();
    private final EWMA m5 = EWMA.fiveMinuteEWMA();
    private final EWMA m15 = EWMA.fifteenMinuteEWMA();
    // guarded by this: only readers touch them
    private long lastTick;
    private long lastCount;

    RatesOnRead(Clock clock, Counting counted) {
        this.clock = clock;
        this.counted = counted;
        this.lastTick = clock.getTick();
        this.lastCount = counted.getCount();
    }

    /** Nothing on the mark path: the ticks are caught up when a rate is read. */
    @Override
    public void tickIfNecessary() {
    }

    /** Nothing on the mark path: the rates are made from the count. */
    @Override
    public void update(long n) {
    }

    @Override
    public synchronized double getM1Rate() {
        catchUp();
        return m1.getRate(TimeUnit.SECONDS);
    }

    @Override
    public synchronized double getM5Rate() {
        catchUp();
        return m5.getRate(TimeUnit.SECONDS);
    }

    @Override
    public synchronized double getM15Rate() {
        catchUp();
        return m15.getRate(TimeUnit.SECONDS);
    }

    private void catchUp() {
        long ticks = (clock.getTick() - lastTick) / TICK_NANOS;
        if (ticks <= 0) {
            return;
        }
        lastTick += ticks * TICK_NANOS;
        long count = counted.getCount();
        long moved = count - lastCount;
        lastCount = count;
        for (long i = 0; i < ticks; i++) {
            long share = moved / ticks + (i < moved % ticks ? 1 : 0);
            tick(m1, share);
            tick(m5, share);
            tick(m15, share);
        }
    }

    private static void tick(EWMA average, long counted) {
        average.update(counted);
        average.tick();
    }
}
