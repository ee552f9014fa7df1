package io.junction.core.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named pool of backends, how requests are spread over them and how sick backends are kept out of the way.
 *
 * @param health   the active health check, or {@code null} for none
 * @param ejection passive ejection of backends that keep failing
 * @param retries  resending requests after a backend failed them
 * @param allDown  what to do when no backend may take requests
 * @param limits   requests each backend takes at once, and the queue of those that wait for room
 * @param affinity how clients stick to a backend, or {@code null} for a pool that is not sticky
 * @param proxyProtocol the PROXY header every connection to a backend starts with (tcp:// backends only), or
 *                 {@code null} to leave it to the tcp listener
 * @param tls      how its https:// backends are spoken to ({@link BackendTls#DEFAULTS} unless the pool says)
 */
public record PoolSpec(String name, String strategy, Map<String, String> strategyOptions,
                       List<BackendSpec> backends, Timeouts timeouts, HealthSpec health, EjectionSpec ejection,
                       RetrySpec retries, AllDownSpec allDown, ConnectionLimits limits, AffinitySpec affinity,
                       ProxyProtocol proxyProtocol, BackendTls tls, SourceLocation location) {

    public static final String DEFAULT_STRATEGY = "round-robin";

    public PoolSpec {
        strategyOptions = Map.copyOf(strategyOptions);
        backends = List.copyOf(backends);
        Objects.requireNonNull(ejection, "ejection");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(allDown, "allDown");
        Objects.requireNonNull(limits, "limits");
        if (proxyProtocol != null && backends.stream().anyMatch(b -> b.address().scheme() != BackendAddress.Scheme.TCP)) {
            throw new InvalidSpecException("pool '" + name + "': proxyProtocol is for pools of tcp:// backends");
        }
        Objects.requireNonNull(tls, "tls");
        if (!tls.equals(BackendTls.DEFAULTS) && backends.stream().anyMatch(b -> b.address().scheme() != BackendAddress.Scheme.HTTPS)) {
            throw new InvalidSpecException("pool '" + name + "': tls is for pools of https:// backends");
        }
    }

    /** A pool whose https:// backends, if any, are spoken to with {@link BackendTls#DEFAULTS}. */
    public PoolSpec(String name, String strategy, Map<String, String> strategyOptions,
                    List<BackendSpec> backends, Timeouts timeouts, HealthSpec health, EjectionSpec ejection,
                    RetrySpec retries, AllDownSpec allDown, ConnectionLimits limits, AffinitySpec affinity,
                    ProxyProtocol proxyProtocol, SourceLocation location) {
        this(name, strategy, strategyOptions, backends, timeouts, health, ejection, retries, allDown, limits, affinity,
                proxyProtocol, BackendTls.DEFAULTS, location);
    }

    /** A pool that is not sticky and leaves the PROXY header to its tcp listeners. */
    public PoolSpec(String name, String strategy, Map<String, String> strategyOptions,
                    List<BackendSpec> backends, Timeouts timeouts, HealthSpec health, EjectionSpec ejection,
                    RetrySpec retries, AllDownSpec allDown, ConnectionLimits limits, SourceLocation location) {
        this(name, strategy, strategyOptions, backends, timeouts, health, ejection, retries, allDown, limits, null, null,
                location);
    }

    /** A pool without health check, with the default ejection, no retries after send, 503 when all are down
     * and no connection limit. */
    public PoolSpec(String name, String strategy, Map<String, String> strategyOptions,
                    List<BackendSpec> backends, Timeouts timeouts, SourceLocation location) {
        this(name, strategy, strategyOptions, backends, timeouts, null, EjectionSpec.DEFAULTS, RetrySpec.NONE,
                AllDownSpec.DEFAULTS, ConnectionLimits.DEFAULTS, location);
    }

    /**
     * Upstream timeouts. {@code null} fields mean "the process default" (junction.properties).
     */
    public record Timeouts(Duration connect, Duration response) {
        public static final Timeouts DEFAULTS = new Timeouts(null, null);
    }
}
