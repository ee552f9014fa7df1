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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The per-backend metrics: registered when a generation names a backend, updated from the end of every lease,
 * and removed when the backend is forgotten (no generation names it and its last request ended).
 */
public final class BackendMetrics {

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
        return (member, outcome, timeToFirstByteNanos, totalNanos) -> {
            if (outcome != Outcome.CONNECT_FAILED) {
                requests[member.index()].update(totalNanos, TimeUnit.NANOSECONDS);
            }
            if (outcome != Outcome.RESPONDED) {
                errors[member.index()].mark();
            }
        };
    }

    /** Drops the metrics of a backend Junction no longer knows. */
    public void forget(String backendId) {
        registry.remove(MetricNames.backendRequests(backendId));
        registry.remove(MetricNames.backendErrors(backendId));
        registry.remove(MetricNames.backendActiveRequests(backendId));
        registry.remove(MetricNames.backendBytesIn(backendId));
        registry.remove(MetricNames.backendBytesOut(backendId));
        registry.remove(MetricNames.backendConnectFailures(backendId));
    }
}
