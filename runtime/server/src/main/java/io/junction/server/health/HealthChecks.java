package io.junction.server.health;

import com.codahale.metrics.MetricRegistry;
import io.junction.api.ProbeResult;
import io.junction.api.Target;
import io.junction.core.pool.BackendHealth;
import io.junction.core.pool.BackendState;
import io.junction.core.pool.BackendStates;
import io.junction.core.pool.ProbeRecord;
import io.junction.server.metrics.MetricNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the active checks of the serving configuration on one scheduler thread ({@code junction-health}), never on
 * an I/O thread. Each backend's next probe is scheduled when its previous one has ended, so at most one is in
 * flight per backend; start times are spread by jitter so many backends are not probed at the same instant.
 * Results go to the backend's {@link BackendHealth}; transitions are logged and counted, and a passed probe ends
 * a passive ejection early. A reload that keeps a backend's check keeps its schedule and state.
 */
public final class HealthChecks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthChecks.class);
    /** Each wait between probes is the interval plus or minus this share of it. */
    private static final double JITTER = 0.1;

    private final BackendStates states;
    private final MetricRegistry metrics;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "junction-health");
        thread.setDaemon(true);
        return thread;
    });
    /** Only touched on the scheduler thread. */
    private final Map<String, CheckedBackend> running = new HashMap<>();

    public HealthChecks(BackendStates states, MetricRegistry metrics) {
        this.states = states;
        this.metrics = metrics;
    }

    /**
     * Runs the plan's checks from now on: new ones start, changed ones restart, dropped ones stop. A newly checked
     * backend takes its check's initial state before this returns, so no request sees it before that state holds.
     */
    public void apply(HealthPlan plan) {
        plan.byBackend().forEach((id, planned) -> states.of(id).health().checkedBy(planned.spec()));
        scheduler.execute(() -> replace(plan));
    }

    private void replace(HealthPlan plan) {
        for (String id : List.copyOf(running.keySet())) {
            HealthPlan.Planned next = plan.byBackend().get(id);
            CheckedBackend current = running.get(id);
            if (next == null || !next.spec().equals(current.planned.spec())) {
                current.stopped = true;
                running.remove(id);
                if (next == null) {
                    current.state.health().unchecked();
                }
            } else {
                // same check: keep the schedule, use the new generation's probe
                current.planned = next;
            }
        }
        plan.byBackend().forEach((id, planned) -> running.computeIfAbsent(id, key -> start(planned)));
    }

    private CheckedBackend start(HealthPlan.Planned planned) {
        CheckedBackend checked = new CheckedBackend(planned, states.of(planned.backendId()));
        checked.state.health().checkedBy(planned.spec());
        long interval = planned.spec().interval().toMillis();
        scheduler.schedule(checked::probe, ThreadLocalRandom.current().nextLong(Math.max(1, interval)), TimeUnit.MILLISECONDS);
        return checked;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** One backend's checks, probe after probe. */
    private final class CheckedBackend {
        private final BackendState state;
        private HealthPlan.Planned planned;
        private boolean stopped;

        CheckedBackend(HealthPlan.Planned planned, BackendState state) {
            this.planned = planned;
            this.state = state;
        }

        void probe() {
            if (stopped) {
                return;
            }
            HealthPlan.Planned now = planned;
            Duration timeout = now.spec().timeout();
            long started = System.nanoTime();
            CompletableFuture<ProbeResult> result;
            try {
                result = now.probe().probe(new Target(now.backendId(), now.uri(), timeout, now.tls())).toCompletableFuture().copy();
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((verdict, failure) -> scheduler.execute(() -> ended(verdict, failure, started)));
        }

        private void ended(ProbeResult verdict, Throwable failure, long started) {
            if (stopped) {
                return;
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            ProbeResult result = verdict != null ? verdict : ProbeResult.failed(describe(failure));
            BackendHealth.Transition transition = state.health().record(new ProbeRecord(Instant.now(), result.passed(), result.reason(), latency));
            if (result.passed()) {
                state.ejection().endEarly(System.nanoTime());
            }
            if (transition != null) {
                boolean up = transition == BackendHealth.Transition.WENT_UP;
                metrics.counter(MetricNames.backendHealthTransitions(state.id(), up)).inc();
                log.warn("backend {} is {}: {} (health '{}')", state.id(), up ? "up" : "down", result.reason(), planned.spec().check());
            }
            long interval = planned.spec().interval().toMillis();
            long jitter = (long) (interval * JITTER);
            long wait = interval + (jitter > 0 ? ThreadLocalRandom.current().nextLong(-jitter, jitter + 1) : 0);
            scheduler.schedule(this::probe, wait, TimeUnit.MILLISECONDS);
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return "timed out";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
