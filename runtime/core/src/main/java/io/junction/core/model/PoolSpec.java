package io.junction.core.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A named pool of backends and how requests are spread over them. */
public record PoolSpec(String name, String strategy, Map<String, String> strategyOptions,
                       List<BackendSpec> backends, Timeouts timeouts, SourceLocation location) {

    public static final String DEFAULT_STRATEGY = "round-robin";

    public PoolSpec {
        strategyOptions = Map.copyOf(strategyOptions);
        backends = List.copyOf(backends);
    }

    /**
     * Upstream timeouts. {@code null} fields mean "the process default" (junction.properties).
     */
    public record Timeouts(Duration connect, Duration response) {
        public static final Timeouts DEFAULTS = new Timeouts(null, null);
    }
}
