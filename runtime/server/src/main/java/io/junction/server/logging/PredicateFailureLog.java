package io.junction.server.logging;

import com.codahale.metrics.MetricRegistry;
import io.junction.core.model.RouteSpec;
import io.junction.core.routing.PredicateFailures;
import io.junction.server.metrics.MetricNames;
import io.junction.server.sessions.OncePerSecond;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A route's {@code when} predicate that throws is counted in {@code junction.route.FILE:LINE.predicate-failures} and
 * logged with the route's file:line and the exception's message, at most once a second per route (a predicate that
 * throws for every request would otherwise write a line per request). One per generation, keyed by its routes' file:line.
 */
public final class PredicateFailureLog implements PredicateFailures {

    private static final Logger log = LoggerFactory.getLogger(PredicateFailureLog.class);

    private final MetricRegistry metrics;
    private final LongSupplier nanoClock;
    private final Map<String, OncePerSecond> limits = new ConcurrentHashMap<>();

    public PredicateFailureLog(MetricRegistry metrics) {
        this(metrics, System::nanoTime);
    }

    PredicateFailureLog(MetricRegistry metrics, LongSupplier nanoClock) {
        this.metrics = metrics;
        this.nanoClock = nanoClock;
    }

    @Override
    public void threw(RouteSpec route, RuntimeException failure) {
        String where = route.location().file() + ":" + route.location().line();
        metrics.counter(MetricNames.routePredicateFailures(where)).inc();
        long heldBack = limits.computeIfAbsent(where, w -> new OncePerSecond(nanoClock)).admit();
        if (heldBack >= 0) {
            log.warn("route at {}: its when predicate threw ({}); the route did not match{}", where,
                    PredicateFailures.reason(failure), heldBack > 0 ? " (" + heldBack + " more since the last message)" : "");
        }
    }
}
