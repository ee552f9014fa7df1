package io.junction.server.engine;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.junction.core.http.ConnectionSlots;
import io.junction.core.model.HttpListenerSpec;
import io.junction.server.ListenerBinder;
import io.junction.server.metrics.ListenerCounts;
import io.junction.server.metrics.MetricNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
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
    private final ConnectionSlots connections;
    private final ListenerBinder<HttpListenerSpec, EngineListener> listeners =
            new ListenerBinder<>(HttpListenerSpec::binding, EngineListener::address, EngineListener::close);

    /**
     * @param bindOverride the address every listener binds to, or {@code null} for each script's own
     * @param connections  the cap all http listeners share, Undertow's included
     */
    public EngineListeners(Engine engine, String bindOverride, MetricRegistry metrics, ConnectionSlots connections) {
        this.engine = engine;
        this.bindOverride = bindOverride;
        this.metrics = metrics;
        this.connections = connections;
    }

    /** Makes the bound listeners exactly {@code specs}; all or nothing, like {@code HttpListeners.apply}. */
    public synchronized void apply(List<HttpListenerSpec> specs, Function<String, EngineRoutes> routes) {
        ListenerBinder.Change<HttpListenerSpec, EngineListener> change =
                listeners.rebind(specs, spec -> start(spec, routes.apply(spec.name())), () -> { });
        for (ListenerBinder.Bound<HttpListenerSpec, EngineListener> b : change.bound()) {
            b.listener().serve(routes.apply(b.spec().name()));
            String gauge = MetricNames.listenerActiveConnections(b.spec().name());
            metrics.remove(gauge);
            metrics.register(gauge, (Gauge<Integer>) b.listener()::connections);
        }
        for (ListenerBinder.Bound<HttpListenerSpec, EngineListener> gone : change.removed()) {
            metrics.remove(MetricNames.listenerActiveConnections(gone.spec().name()));
            gone.listener().drain();
        }
    }

    public int port(String listenerName) {
        return listeners.port(listenerName);
    }

    public Map<String, InetSocketAddress> addresses() {
        return listeners.addresses();
    }

    /** Stops accepting on every listener and closes idle keep-alive connections (see {@link EngineListener#drain}). */
    public void drain() {
        listeners.bound().forEach(b -> b.listener().drain());
    }

    @Override
    public void close() {
        listeners.closeAll();
    }

    private EngineListener start(HttpListenerSpec spec, EngineRoutes routes) {
        String address = bindOverride != null ? bindOverride : spec.bindAddress();
        try {
            EngineListener listener = engine.bind(spec.name(), new InetSocketAddress(address, spec.port()), routes,
                    ListenerCounts.register(metrics, spec.name(), connections, routes.limits().maxConnections()));
            log.info("listener '{}' on {}:{} (own engine)", spec.name(), address, listener.address().getPort());
            return listener;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("listener '" + spec.name() + "' cannot bind " + address + ":" + spec.port()
                    + " (" + spec.location() + "): " + e.getMessage(), e);
        }
    }
}
