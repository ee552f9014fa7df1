package io.junction.server.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.junction.api.Outcome;
import io.junction.core.model.BackendSpec;
import io.junction.core.model.PoolSpec;
import io.junction.core.pool.BackendStates;
import io.junction.core.pool.LeaseListener;
import io.junction.core.pool.Pool;
import io.junction.core.pool.PoolMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-backend metrics: registered when a generation names a backend, updated from the end of every lease,
 * and removed when the backend is forgotten (no generation names it and its last request ended). Also counts,
 * per pool, the picks a faulty strategy lost to the round-robin fallback.
 */
public final class BackendMetrics {

    private static final Logger log = LoggerFactory.getLogger(BackendMetrics.class);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MetricRegistry registry;

    public BackendMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    /** Registers the metrics of the pool's backends and returns what updates them; metric objects looked up once. */
    public LeaseListener listenerFor(PoolSpec pool, BackendStates states) {
        List<BackendSpec> backends = pool.backends();
        Timer[] requests = new Timer[backends.size()];
        Meter[] errors = new Meter[backends.size()];
        for (int i = 0; i < requests.length; i++) {
            String id = backends.get(i).id();
            requests[i] = Timers.timer(registry, MetricNames.backendRequests(id));
            errors[i] = registry.meter(MetricNames.backendErrors(id));
            registry.gauge(MetricNames.backendActiveRequests(id), () -> (Gauge<Integer>) () -> states.activeRequests(id));
        }
        Meter strategyFaults = registry.meter(MetricNames.poolStrategyFaults(pool.name()));
        Meter noRoom = registry.meter(MetricNames.poolNoRoom(pool.name()));
        Meter ejections = registry.meter(MetricNames.poolEjections(pool.name()));
        AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
        return new LeaseListener() {
            @Override
            public void ended(PoolMember member, Outcome outcome, long timeToFirstByteNanos, long totalNanos) {
                if (outcome != Outcome.CONNECT_FAILED) {
                    requests[member.index()].update(totalNanos, TimeUnit.NANOSECONDS);
                }
                if (outcome == Outcome.FAILED || outcome == Outcome.CONNECT_FAILED) {
                    errors[member.index()].mark();
                }
            }

            @Override
            public void ejected(Pool of, PoolMember member, String reason, Duration duration) {
                ejections.mark();
                // at most one line per ejection time of a backend: no flood however sick it is
                log.warn("pool '{}': backend {} ejected for {} ms ({})", of.name(), member.id(), duration.toMillis(), reason);
            }

            @Override
            public void noRoom(Pool full) {
                noRoom.mark();
            }

            @Override
            public void strategyFault(Pool faulty, String reason) {
                strategyFaults.mark();
                long last = lastLogged.get();
                long now = System.nanoTime();
                // a broken plugin may fail every pick: at most one line a second, with the count since
                if (now - last >= LOG_INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
                    log.warn("{} ({} such picks so far)", reason, strategyFaults.getCount());
                }
            }
        };
    }

    /** Drops the metrics of a backend Junction no longer knows. */
    public void forget(String backendId) {
        registry.remove(MetricNames.backendRequests(backendId));
        registry.remove(MetricNames.backendErrors(backendId));
        registry.remove(MetricNames.backendActiveRequests(backendId));
        registry.remove(MetricNames.backendHealthTransitions(backendId, true));
        registry.remove(MetricNames.backendHealthTransitions(backendId, false));
        registry.remove(MetricNames.backendBytesIn(backendId));
        registry.remove(MetricNames.backendBytesOut(backendId));
        registry.remove(MetricNames.backendConnectFailures(backendId));
    }
}
