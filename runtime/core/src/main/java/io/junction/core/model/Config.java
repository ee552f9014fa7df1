package io.junction.core.model;

import java.util.List;
import java.util.Map;

/**
 * One complete configuration generation: every listener and every pool, as compiled from conf.d.
 * Pools keep declaration order.
 */
public record Config(List<HttpListenerSpec> listeners, Map<String, PoolSpec> pools) {

    public Config {
        listeners = List.copyOf(listeners);
        pools = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pools));
    }

    public HttpListenerSpec listener(String name) {
        return listeners.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
    }
}
