package io.junction.server.sessions;

import com.codahale.metrics.MetricRegistry;
import io.junction.core.affinity.StoreFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A failing session store costs stickiness, not answers: a failed lookup (the request was served by the strategy)
 * is counted in {@code pool.NAME.sticky.store-failures}, a pin the store did not keep in
 * {@code pool.NAME.sticky.put-failures}. Each kind is logged at most once a second (a Redis outage would otherwise
 * write a line per request).
 */
public final class StoreFailureLog implements StoreFailures {

    private static final Logger log = LoggerFactory.getLogger(StoreFailureLog.class);

    private final MetricRegistry metrics;
    private final OncePerSecond lookups;
    private final OncePerSecond puts;

    public StoreFailureLog(MetricRegistry metrics) {
        this(metrics, System::nanoTime);
    }

    StoreFailureLog(MetricRegistry metrics, LongSupplier nanoClock) {
        this.metrics = metrics;
        this.lookups = new OncePerSecond(nanoClock);
        this.puts = new OncePerSecond(nanoClock);
    }

    /** Lookups of the pool's session store that failed. */
    public static String lookupFailures(String poolName) {
        return "pool." + poolName + ".sticky.store-failures";
    }

    /** Pins of the pool the session store failed to keep. */
    public static String putFailures(String poolName) {
        return "pool." + poolName + ".sticky.put-failures";
    }

    @Override
    public void failed(String poolName, Throwable cause) {
        metrics.counter(lookupFailures(poolName)).inc();
        long heldBack = lookups.admit();
        if (heldBack >= 0) {
            log.warn("pool '{}': session store failed ({}); served by the pool's strategy{}", poolName, causeChain(cause),
                    more(heldBack));
        }
    }

    @Override
    public void putFailed(String poolName, Throwable cause) {
        metrics.counter(putFailures(poolName)).inc();
        long heldBack = puts.admit();
        if (heldBack >= 0) {
            log.warn("pool '{}': session store did not keep a pin ({}); the client may move to another backend{}",
                    poolName, causeChain(cause), more(heldBack));
        }
    }

    private static String more(long heldBack) {
        return heldBack > 0 ? " (" + heldBack + " more failures since the last message)" : "";
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
