package io.junction.server.tcp;

import com.codahale.metrics.MetricRegistry;
import io.junction.core.http.ConnectionSlots;
import io.junction.core.model.TcpListenerSpec;
import io.junction.server.ListenerBinder;
import io.junction.server.engine.Engine;
import io.junction.server.resolve.BackendAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The bound tcp listeners, on the own engine's event loops whichever engine serves HTTP. A listener a reload keeps (same address and
 * port) stays bound with its open connections, and new connections use the new generation; new listeners are bound
 * before anything is swapped, removed ones stop accepting after.
 */
public final class TcpListeners implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TcpListeners.class);

    private final Engine engine;
    /** When set, every listener binds here instead of its script's address. */
    private final String bindOverride;
    private final MetricRegistry metrics;
    /** The cap all listeners share: the http listeners' ({@code junction.connections.max}). */
    private final ConnectionSlots total;
    private final BackendAddresses backendAddresses;
    private final ListenerBinder<TcpListenerSpec, TcpListener> listeners =
            new ListenerBinder<>(TcpListenerSpec::binding, TcpListener::address, TcpListener::close);

    /** @param bindOverride the address every listener binds to, or {@code null} for each script's own */
    public TcpListeners(Engine engine, String bindOverride, MetricRegistry metrics, BackendAddresses backendAddresses,
                        ConnectionSlots total) {
        this.engine = engine;
        this.total = total;
        this.backendAddresses = backendAddresses;
        this.bindOverride = bindOverride;
        this.metrics = metrics;
    }

    /**
     * Makes the bound listeners exactly {@code specs}, each forwarding new connections with
     * {@code forwardings.apply(name)}, together with {@code alongside} (the HTTP listeners' own apply), which runs once
     * the new tcp listeners are bound and before anything is swapped. All or nothing: if a new listener cannot bind or
     * {@code alongside} throws, the listeners bound by this call are closed, the running ones keep their generation,
     * and the exception is thrown.
     */
    public synchronized void apply(List<TcpListenerSpec> specs, Function<String, TcpForwarding> forwardings,
                                   Runnable alongside) {
        ListenerBinder.Change<TcpListenerSpec, TcpListener> change =
                listeners.rebind(specs, spec -> bind(spec, forwardings.apply(spec.name())), alongside);
        change.bound().forEach(b -> b.listener().serve(forwardings.apply(b.spec().name())));
        List<String> names = change.bound().stream().map(b -> b.spec().name()).toList();
        change.removed().forEach(gone -> {
            gone.listener().close();
            if (!names.contains(gone.spec().name())) {
                ListenerMetrics.remove(metrics, gone.spec().name());
            }
        });
    }

    /** Where each listener is bound, by name, as the sockets report it. */
    public Map<String, InetSocketAddress> addresses() {
        return listeners.addresses();
    }

    /** Stops accepting on every listener (SIGTERM); open connections end on their own or when the engine stops. */
    public synchronized void drain() {
        listeners.bound().forEach(b -> b.listener().close());
    }

    @Override
    public synchronized void close() {
        listeners.closeAll();
    }

    private TcpListener bind(TcpListenerSpec spec, TcpForwarding forwarding) {
        String address = bindOverride != null ? bindOverride : spec.bindAddress();
        TcpListener listener;
        try {
            listener = new TcpListener(engine, new InetSocketAddress(address, spec.port()), forwarding, total,
                    backendAddresses, metrics);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("tcp listener '" + spec.name() + "' cannot bind " + address + ":" + spec.port()
                    + " (" + spec.location() + "): " + e.getMessage(), e);
        }
        log.info("tcp listener '{}' on {}", spec.name(), listener.address());
        return listener;
    }
}
