package io.junction.core.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Retries of a request that was already sent to a backend which then failed before answering: only for
 * idempotent methods (RFC 9110: GET, HEAD, OPTIONS, TRACE, PUT, DELETE), never once response bytes reached the
 * client. Capped by {@code retries} per request, by {@code time} since the request arrived, and by the budget:
 * retries in flight stay within {@code budgetPercent} of the pool's requests in flight (at least
 * {@link #MIN_CONCURRENT_RETRIES}), so a failing pool cannot multiply its load. {@link #NONE} (the default) never
 * resends. Connect retries are separate: nothing was sent, so they are safe for any method.
 */
public record RetrySpec(int retries, Duration time, int budgetPercent) {

    public static final RetrySpec NONE = new RetrySpec(0, Duration.ofSeconds(10), 20);
    /** Retries the budget always allows at once, so a quiet pool can still retry. */
    public static final int MIN_CONCURRENT_RETRIES = 3;
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    public RetrySpec {
        Objects.requireNonNull(time, "time");
        if (retries < 0) {
            throw new InvalidSpecException("retries: got " + retries + ", expected 0 or more");
        }
        if (budgetPercent < 1 || budgetPercent > 100) {
            throw new InvalidSpecException("retries budget: got " + budgetPercent + ", expected 1..100 (percent)");
        }
    }

    public static boolean idempotent(String method) {
        return IDEMPOTENT.contains(method);
    }
}
