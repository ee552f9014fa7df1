package io.junction.server.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Logs a 502 or 504 with its pool, backend and reason, at most one line per second per pool and status:
 * a dead pool under load must not flood the log. The first failure opens a one-second window and is
 * logged; the ones after it in the window are only counted, and one summary line gives the count when
 * the window closes. Called on I/O threads: it never blocks beyond the logger itself.
 */
final class UpstreamTroubleLog {

    private static final Logger log = LoggerFactory.getLogger(UpstreamTroubleLog.class);
    private static final long WINDOW_MILLIS = 1000;
    private static final ConcurrentMap<Window, Integer> SUPPRESSED = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "junction-upstream-log");
        thread.setDaemon(true);
        return thread;
    });

    /** One pool and status: the unit the rate limit counts in. */
    private record Window(String pool, int status) {
    }

    private UpstreamTroubleLog() {
    }

    /** @param backend the last backend tried, or null when there was none to try */
    static void report(String pool, String backend, int status, String reason) {
        Window window = new Window(pool, status);
        // 0: this failure opened the window; more: it was counted in an open one
        if (SUPPRESSED.merge(window, 0, (held, zero) -> held + 1) > 0) {
            return;
        }
        log.warn("{} from pool '{}' (backend {}): {}", status, pool, backend == null ? "none" : backend, reason.strip());
        CLOSER.schedule(() -> close(window), WINDOW_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void close(Window window) {
        int count = SUPPRESSED.remove(window);
        if (count > 0) {
            log.warn("{} more {} from pool '{}' in the last second (one line per second per pool and status)",
                    count, window.status(), window.pool());
        }
    }
}
