package io.junction.core.model;

import java.time.Duration;

/**
 * How a route's forwarded requests are treated, overriding the pool's settings. {@code null}
 * fields mean "the pool's, else the process default".
 *
 * @param timeouts       connect and response (read) timeouts for this route's requests
 * @param connectRetries further backends tried when a connect fails
 * @param maxRequestBody the largest request body this route accepts, in bytes (else the listener's limit)
 * @param retry          this route's retry policy, replacing the pool's retries and connect retries (else theirs)
 * @param total          the longest a request may take until its response starts, all tries together (else none)
 */
public record RoutePolicy(PoolSpec.Timeouts timeouts, Integer connectRetries, Long maxRequestBody, RouteRetry retry,
                          Duration total) {

    public static final RoutePolicy DEFAULTS = new RoutePolicy(PoolSpec.Timeouts.DEFAULTS, null, null);

    public RoutePolicy {
        if (maxRequestBody != null && maxRequestBody < 0) {
            throw new InvalidSpecException("maxBody: got " + maxRequestBody + ", expected 0 or more bytes");
        }
        if (total != null && (total.isZero() || total.isNegative())) {
            throw new InvalidSpecException("timeouts total: got " + total + ", expected a duration above 0");
        }
    }

    public RoutePolicy(PoolSpec.Timeouts timeouts, Integer connectRetries, Long maxRequestBody) {
        this(timeouts, connectRetries, maxRequestBody, null, null);
    }

    public RoutePolicy(PoolSpec.Timeouts timeouts, Integer connectRetries) {
        this(timeouts, connectRetries, null);
    }

    /** Whether the route changes how its requests reach the pool (else it shares the pool's forwarder). */
    public boolean ownsUpstream() {
        return !timeouts.equals(DEFAULTS.timeouts()) || connectRetries != null || retry != null || total != null;
    }
}
