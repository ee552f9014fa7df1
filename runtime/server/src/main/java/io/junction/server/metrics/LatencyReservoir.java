package io.junction.server.metrics;

import com.codahale.metrics.Reservoir;
import com.codahale.metrics.Snapshot;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.Recorder;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The reservoir of the request timers: HdrHistogram's {@link Recorder} takes a value on any I/O thread without a lock
 * or an allocation, and a snapshot shows the recent values. Dropwizard's {@code LockFreeExponentiallyDecayingReservoir},
 * used before, allocated a sample, a skip-list node and a boxed Double for most values: under steady load a young
 * collection every few minutes that stopped every event loop for tens of milliseconds (docs/performance.md).
 *
 * <p>Values are nanoseconds, kept to two significant digits from 1 µs to an hour (longer ones count as an hour). A
 * snapshot holds the last 30 to 60 seconds when snapshots come at least every 30 seconds (a Prometheus scrape, the
 * dashboard); when they come further apart, everything since the one before the last.
 */
public final class LatencyReservoir implements Reservoir {

    static final long HALF_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(30);
    static final long HIGHEST = TimeUnit.HOURS.toNanos(1);
    /** As many values as Dropwizard's reservoirs keep: the size of {@link Snapshot#getValues}. */
    static final int SAMPLE_SIZE = 1028;
    private static final long LOWEST_DISCERNIBLE = 1_000;
    private static final int SIGNIFICANT_DIGITS = 2;

    private final Recorder recorder = new Recorder(LOWEST_DISCERNIBLE, HIGHEST, SIGNIFICANT_DIGITS);
    private final LongSupplier clock;
    // guarded by this: only snapshots touch them
    private Histogram interval;
    private Histogram earlier = newHistogram();
    private Histogram recent = newHistogram();
    private long recentSince;

    public LatencyReservoir() {
        this(System::nanoTime);
    }

    LatencyReservoir(LongSupplier clock) {
        this.clock = clock;
        this.recentSince = clock.getAsLong();
    }

    @Override
    public void update(long nanos) {
        recorder.recordValue(Math.min(Math.max(nanos, 0), HIGHEST));
    }

    @Override
    public int size() {
        return getSnapshot().size();
    }

    @Override
    public synchronized Snapshot getSnapshot() {
        interval = recorder.getIntervalHistogram(interval);
        recent.add(interval);
        long now = clock.getAsLong();
        if (now - recentSince >= HALF_WINDOW_NANOS) {
            Histogram emptied = earlier;
            earlier = recent;
            recent = emptied;
            recent.reset();
            recentSince = now;
        }
        Histogram window = earlier.copy();
        window.add(recent);
        return new HistogramSnapshot(window);
    }

    private static Histogram newHistogram() {
        return new Histogram(LOWEST_DISCERNIBLE, HIGHEST, SIGNIFICANT_DIGITS);
    }

    /**
     * A window's values; {@link #getValues} is a sample of {@link #SAMPLE_SIZE} of them at evenly spaced ranks, made
     * only when asked (a Prometheus scrape reads quantiles only). An empty window answers 0 everywhere (HdrHistogram's
 * maximum of nothing is the top of its lowest bucket).
     */
    private static final class HistogramSnapshot extends Snapshot {
        private final Histogram histogram;

        HistogramSnapshot(Histogram histogram) {
            this.histogram = histogram;
        }

        @Override
        public double getValue(double quantile) {
            if (quantile < 0 || quantile > 1 || Double.isNaN(quantile)) {
                throw new IllegalArgumentException(quantile + " is not in [0..1]");
            }
            return empty() ? 0 : histogram.getValueAtPercentile(quantile * 100);
        }

        @Override
        public long[] getValues() {
            long count = histogram.getTotalCount();
            long[] values = new long[size()];
            int next = 0;
            long seen = 0;
            for (HistogramIterationValue bucket : histogram.recordedValues()) {
                seen += bucket.getCountAtValueIteratedTo();
                long value = histogram.highestEquivalentValue(bucket.getValueIteratedTo());
                // the i-th sample value is the one of rank (i + 0.5) * count / size
                while (next < values.length && (2L * next + 1) * count < 2L * seen * values.length) {
                    values[next++] = value;
                }
            }
            return values;
        }

        @Override
        public int size() {
            return (int) Math.min(histogram.getTotalCount(), SAMPLE_SIZE);
        }

        @Override
        public long getMax() {
            return empty() ? 0 : histogram.getMaxValue();
        }

        @Override
        public double getMean() {
            return empty() ? 0 : histogram.getMean();
        }

        @Override
        public long getMin() {
            return empty() ? 0 : histogram.getMinValue();
        }

        @Override
        public double getStdDev() {
            return empty() ? 0 : histogram.getStdDeviation();
        }

        private boolean empty() {
            return histogram.getTotalCount() == 0;
        }

        @Override
        public void dump(OutputStream output) {
            try (PrintWriter out = new PrintWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8))) {
                for (long value : getValues()) {
                    out.printf("%d%n", value);
                }
            }
        }
    }
}
