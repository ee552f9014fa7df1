package io.junction.core.model;

/**
 * How a route's forwarded requests are treated, overriding the pool's settings. {@code null}
 * fields mean "the pool's, else the process default".
 *
 * @param timeouts connect and response timeouts for this route's requests
 * @param connectRetries further backends tried when a connect fails
 */
public record RoutePolicy(PoolSpec.Timeouts timeouts, Integer connectRetries) {

    public static final RoutePolicy DEFAULTS = new RoutePolicy(PoolSpec.Timeouts.DEFAULTS, null);
}
