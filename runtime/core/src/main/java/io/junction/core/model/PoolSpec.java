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
 * Built with {@link #builder}.
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

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Upstream timeouts. {@code null} fields mean "the process default" (junction.properties).
     */
    public record Timeouts(Duration connect, Duration response) {
        public static final Timeouts DEFAULTS = new Timeouts(null, null);
    }

    /**
     * Defaults: {@link #DEFAULT_STRATEGY} without options, no backends, the process's timeouts, no health check, the
     * default ejection, no retries after send, 503 when all are down, no connection limit, not sticky, the PROXY
     * header left to the tcp listener, {@link BackendTls#DEFAULTS}.
     */
    public static final class Builder {

        private final String name;
        private String strategy = DEFAULT_STRATEGY;
        private Map<String, String> strategyOptions = Map.of();
        private List<BackendSpec> backends = List.of();
        private Timeouts timeouts = Timeouts.DEFAULTS;
        private HealthSpec health;
        private EjectionSpec ejection = EjectionSpec.DEFAULTS;
        private RetrySpec retries = RetrySpec.NONE;
        private AllDownSpec allDown = AllDownSpec.DEFAULTS;
        private ConnectionLimits limits = ConnectionLimits.DEFAULTS;
        private AffinitySpec affinity;
        private ProxyProtocol proxyProtocol;
        private BackendTls tls = BackendTls.DEFAULTS;
        private SourceLocation location = SourceLocation.UNKNOWN;

        private Builder(String name) {
            this.name = name;
        }

        public Builder strategy(String strategy, Map<String, String> options) {
            this.strategy = strategy;
            this.strategyOptions = options;
            return this;
        }

        public Builder backends(List<BackendSpec> backends) {
            this.backends = backends;
            return this;
        }

        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = timeouts;
            return this;
        }

        public Builder health(HealthSpec health) {
            this.health = health;
            return this;
        }

        public Builder ejection(EjectionSpec ejection) {
            this.ejection = ejection;
            return this;
        }

        public Builder retries(RetrySpec retries) {
            this.retries = retries;
            return this;
        }

        public Builder allDown(AllDownSpec allDown) {
            this.allDown = allDown;
            return this;
        }

        public Builder limits(ConnectionLimits limits) {
            this.limits = limits;
            return this;
        }

        public Builder affinity(AffinitySpec affinity) {
            this.affinity = affinity;
            return this;
        }

        public Builder proxyProtocol(ProxyProtocol proxyProtocol) {
            this.proxyProtocol = proxyProtocol;
            return this;
        }

        public Builder tls(BackendTls tls) {
            this.tls = tls;
            return this;
        }

        public Builder location(SourceLocation location) {
            this.location = location;
            return this;
        }

        public PoolSpec build() {
            return new PoolSpec(name, strategy, strategyOptions, backends, timeouts, health, ejection, retries, allDown,
                    limits, affinity, proxyProtocol, tls, location);
        }
    }
}
