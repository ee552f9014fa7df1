package io.junction.server.sessions;

import com.codahale.metrics.MetricRegistry;
import io.junction.core.affinity.StoreFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A failed session store lookup costs the request its stickiness, not its answer: each is counted in
 * {@code pool.NAME.sticky.store-failures}, and logged at most once a second (a Redis outage would otherwise
 * write a line per request).
 */
public final class StoreFailureLog implements StoreFailures {

    private static final Logger log = LoggerFactory.getLogger(StoreFailureLog.class);
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final MetricRegistry metrics;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - QUIET_NANOS);
    private final AtomicLong unlogged = new AtomicLong();

    public StoreFailureLog(MetricRegistry metrics) {
        this.metrics = metrics;
    }

    public static String metricName(String poolName) {
        return "pool." + poolName + ".sticky.store-failures";
    }

    @Override
    public void failed(String poolName, Throwable cause) {
        metrics.counter(metricName(poolName)).inc();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last < QUIET_NANOS || !lastLogged.compareAndSet(last, now)) {
            unlogged.incrementAndGet();
            return;
        }
        long more = unlogged.getAndSet(0);
        log.warn("pool '{}': session store failed ({}); served by the pool's strategy{}", poolName, causeChain(cause),
                more > 0 ? " (" + more + " more failures since the last message)" : "");
    }

    /** Every cause, outermost first: a client library's own message ("Unable to connect") rarely says why. */
    static String causeChain(Throwable failure) {
        StringBuilder chain = new StringBuilder(failure.toString());
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(failure);
        for (Throwable cause = failure.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
            chain.append(" <- ").append(cause);
        }
        return chain.toString();
    }
}
