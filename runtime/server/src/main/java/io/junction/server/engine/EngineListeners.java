package io.junction.server.engine;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.junction.core.model.HttpListenerSpec;
import io.junction.server.metrics.MetricNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The listeners the own engine serves. A listener that a reload keeps (same address and port) stays
 * bound and only its routes are swapped; new ones are bound before anything is swapped, removed ones
 * closed after, as {@code HttpListeners} does for Undertow.
 */
public final class EngineListeners implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EngineListeners.class);

    private final Engine engine;
    private final String bindOverride;
    private final MetricRegistry metrics;
    private Map<String, Bound> bound = new LinkedHashMap<>();

    private record Bound(HttpListenerSpec spec, EngineListener listener) {
    }

    /** @param bindOverride the address every listener binds to, or {@code null} for each script's own */
    public EngineListeners(Engine engine, String bindOverride, MetricRegistry metrics) {
        this.engine = engine;
        this.bindOverride = bindOverride;
        this.metrics = metrics;
    }

    /** Makes the bound listeners exactly {@code specs}; all or nothing, like {@code HttpListeners.apply}. */
    public synchronized void apply(List<HttpListenerSpec> specs, Function<String, EngineRoutes> routes) {
        Map<String, Bound> next = new LinkedHashMap<>();
        List<Bound> started = new ArrayList<>();
        try {
            for (HttpListenerSpec spec : specs) {
                Bound existing = bound.get(key(spec));
                Bound kept = existing != null ? new Bound(spec, existing.listener()) : start(spec, routes.apply(spec.name()));
                if (existing == null) {
                    started.add(kept);
                }
                next.put(key(spec), kept);
            }
        } catch (RuntimeException e) {
            started.forEach(b -> b.listener().close());
            throw e;
        }
        for (Bound b : next.values()) {
            b.listener().serve(routes.apply(b.spec().name()));
            String gauge = MetricNames.listenerActiveConnections(b.spec().name());
            metrics.remove(gauge);
            metrics.register(gauge, (Gauge<Integer>) b.listener()::connections);
        }
        Map<String, Bound> removed = new HashMap<>(bound);
        removed.keySet().removeAll(next.keySet());
        for (Bound gone : removed.values()) {
            metrics.remove(MetricNames.listenerActiveConnections(gone.spec().name()));
            gone.listener().close();
        }
        bound = next;
    }

    public synchronized int port(String listenerName) {
        return bound.values().stream().filter(b -> b.spec().name().equals(listenerName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no listener named '" + listenerName + "'"))
                .listener().address().getPort();
    }

    public synchronized Map<String, InetSocketAddress> addresses() {
        Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
        bound.values().forEach(b -> addresses.put(b.spec().name(), b.listener().address()));
        return addresses;
    }

    /** Stops accepting on every listener and closes idle keep-alive connections (see {@link EngineListener#drain}). */
    public synchronized void drain() {
        bound.values().forEach(b -> b.listener().drain());
    }

    @Override
    public synchronized void close() {
        bound.values().forEach(b -> b.listener().close());
        bound = new LinkedHashMap<>();
    }

    /** Port 0 asks for a fresh port every time, so such listeners are kept by name instead. */
    private static String key(HttpListenerSpec spec) {
        return spec.port() == 0 ? "name:" + spec.name() : spec.bindAddress() + ":" + spec.port();
    }

    private Bound start(HttpListenerSpec spec, EngineRoutes routes) {
        String address = bindOverride != null ? bindOverride : spec.bindAddress();
        try {
            EngineListener listener = engine.bind(spec.name(), new InetSocketAddress(address, spec.port()), routes);
            log.info("listener '{}' on {}:{} (own engine)", spec.name(), address, listener.address().getPort());
            return new Bound(spec, listener);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("listener '" + spec.name() + "' cannot bind " + address + ":" + spec.port()
                    + " (" + spec.location() + "): " + e.getMessage(), e);
        }
    }
}
