package io.junction.core.forward;

import io.junction.core.model.RouteRetry;

import java.time.Duration;

/**
 * How one pool (or one route's requests to it) talks to its backends: timeouts, how many further backends a failed
 * connect may try, the route's retry policy (null: the pool's retries) and its total timeout (null: none).
 */
public record UpstreamPolicy(Duration connectTimeout, Duration responseTimeout, int connectRetries, RouteRetry retry,
                             Duration total) {

    public UpstreamPolicy(Duration connectTimeout, Duration responseTimeout, int connectRetries) {
        this(connectTimeout, responseTimeout, connectRetries, null, null);
    }

    /** The response timeout of one try: the route's per-try timeout when it is shorter. */
    public Duration tryTimeout() {
        if (retry == null || retry.perTry() == null || retry.perTry().compareTo(responseTimeout) > 0) {
            return responseTimeout;
        }
        return retry.perTry();
    }
}
