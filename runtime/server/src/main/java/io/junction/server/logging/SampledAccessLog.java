package io.junction.server.logging;

import com.codahale.metrics.Counter;
import io.junction.core.model.AccessLogSampling;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One listener's view of the shared access log: it writes the records its {@link AccessLogSampling} keeps and counts
 * the ones a sample leaves out. Closing it leaves the shared log open (its owner closes it).
 */
public final class SampledAccessLog implements AccessLog {

    private final AccessLog log;
    private final AccessLogSampling sampling;
    private final Counter sampledOut;

    private SampledAccessLog(AccessLog log, AccessLogSampling sampling, Counter sampledOut) {
        this.log = log;
        this.sampling = sampling;
        this.sampledOut = sampledOut;
    }

    /**
     * @param sampledOut the listener's counter of records left out, asked for only when the listener samples
     * @return the shared log itself when the listener keeps every record, {@link AccessLog#OFF} when it keeps none
     */
    public static AccessLog of(AccessLog log, AccessLogSampling sampling, Supplier<Counter> sampledOut) {
        if (log == AccessLog.OFF || !sampling.enabled()) {
            return AccessLog.OFF;
        }
        return sampling.samples() ? new SampledAccessLog(log, sampling, sampledOut.get()) : log;
    }

    @Override
    public void record(AccessRecord record) {
        if (sampling.keeps(record.status(), ThreadLocalRandom.current().nextDouble())) {
            log.record(record);
        } else {
            sampledOut.inc();
        }
    }

    @Override
    public void close() {
    }
}
