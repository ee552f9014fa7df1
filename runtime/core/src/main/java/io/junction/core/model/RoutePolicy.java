package io.junction.core.model;

/**
 * How a route's forwarded requests are treated, overriding the pool's settings. {@code null}
 * fields mean "the pool's, else the process default".
 *
 * @param timeouts       connect and response (read) timeouts for this route's requests
 * @param connectRetries further backends tried when a connect fails
 * @param maxRequestBody the largest request body this route accepts, in bytes (else the listener's limit)
 */
public record RoutePolicy(PoolSpec.Timeouts timeouts, Integer connectRetries, Long maxRequestBody) {

    public static final RoutePolicy DEFAULTS = new RoutePolicy(PoolSpec.Timeouts.DEFAULTS, null, null);

    public RoutePolicy {
        if (maxRequestBody != null && maxRequestBody < 0) {
            throw new InvalidSpecException("maxBody: got " + maxRequestBody + ", expected 0 or more bytes");
        }
    }

    public RoutePolicy(PoolSpec.Timeouts timeouts, Integer connectRetries) {
        this(timeouts, connectRetries, null);
    }
}
