package io.junction.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One complete configuration generation: every listener (of every kind) and every pool, as
 * compiled from conf.d. Listeners and pools keep declaration order.
 */
public record Config(List<ListenerSpec> listeners, Map<String, PoolSpec> pools) {

    public Config {
        listeners = List.copyOf(listeners);
        pools = Collections.unmodifiableMap(new LinkedHashMap<>(pools));
    }

    /** The listeners of one kind, e.g. {@code listeners(HttpListenerSpec.class)}, in declaration order. */
    public <L extends ListenerSpec> List<L> listeners(Class<L> kind) {
        return listeners.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public ListenerSpec listener(String name) {
        return listeners.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
    }
}
