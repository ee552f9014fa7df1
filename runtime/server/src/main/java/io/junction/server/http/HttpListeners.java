package io.junction.server.http;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.junction.core.http.ConnectionSlots;
import io.junction.core.model.HttpLimits;
import io.junction.core.model.HttpListenerSpec;
import io.junction.server.ListenerBinder;
import io.junction.server.config.JunctionSettings;
import io.junction.server.metrics.ListenerCounts;
import io.junction.server.metrics.MetricNames;
import io.junction.server.tls.HstsHandler;
import io.junction.server.tls.ListenerTls;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.XnioWorker;
import org.xnio.management.XnioServerMXBean;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The bound HTTP and https listeners. A listener that a reload keeps (same address and port) stays bound and
 * only its root handler is swapped, so no connection is refused or dropped; new ones are bound
 * before anything is swapped, removed ones are closed after. A kept https listener also gets a new SSLContext
 * with the certificates as read by this reload: new handshakes use it, open connections keep theirs. Its TLS
 * versions, suites and h2 are set when it binds (a change needs a restart, or a new port), and a port that
 * turns from http to https or back is refused as busy until the old listener is gone.
 */
public final class HttpListeners implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpListeners.class);

    /** Started by the first listener that needs it (JunctionServer's): a start without one never builds it. */
    private final Supplier<XnioWorker> worker;
    private final JunctionSettings.Http settings;
    /** When set, every listener binds here instead of its script's address. */
    private final String bindOverride;
    private final MetricRegistry metrics;
    /** The cap of all http listeners together, the own engine's included (junction.http.max-connections). */
    private final ConnectionSlots connections;
    /** One pool for every listener and the backend connections their exchanges open. */
    private final ThreadLocalBufferPool buffers = new ThreadLocalBufferPool(true, 16 * 1024, 1024);
    /** The https listeners' TLS record buffers: a record does not fit the 16 KiB ones above. */
    private final ThreadLocalBufferPool tlsRecords = new ThreadLocalBufferPool(true, ListenerTls.RECORD_BUFFER_SIZE, 1024);
    private final ListenerBinder<HttpListenerSpec, Server> listeners =
            new ListenerBinder<>(HttpListeners::key, Server::address, Server::stop);
    /** Listeners that stopped accepting, whose connections may still be open until {@link #close}. */
    private final List<ListenerRoot> retired = new ArrayList<>();

    /** @param bindOverride the address every listener binds to, or {@code null} for each script's own */
    public HttpListeners(Supplier<XnioWorker> worker, JunctionSettings.Http settings, String bindOverride, MetricRegistry metrics) {
        this.worker = worker;
        this.settings = settings;
        this.bindOverride = bindOverride;
        this.metrics = metrics;
        this.connections = ConnectionSlots.total(settings.maxConnections());
    }

    /** The total connection cap, which the own engine's listeners share. */
    public ConnectionSlots connections() {
        return connections;
    }

    /** A bound listener; {@code slots} holds it to its connection cap. */
    private record Server(StrictHttpListener.Bound bound, ListenerRoot root, ConnectionSlots slots) {
        InetSocketAddress address() {
            return bound.channel().getLocalAddress(InetSocketAddress.class);
        }

        void stop() {
            bound.close();
        }
    }

    /**
     * Makes the bound listeners exactly {@code specs}, each serving {@code handlers.apply(name)}.
     * All or nothing: if a new listener cannot bind, the ones bound by this call are closed, the
     * running ones keep their handlers, and the exception is thrown.
     */
    public synchronized void apply(List<HttpListenerSpec> specs, Function<String, HttpHandler> handlers) {
        ListenerBinder.Change<HttpListenerSpec, Server> change =
                listeners.rebind(specs, spec -> start(spec, handlers.apply(spec.name())), () -> { });
        for (ListenerBinder.Bound<HttpListenerSpec, Server> listener : change.bound()) {
            if (listener.spec().isHttps() && !listener.fresh()) {
                listener.listener().bound().ssl().updateSSLContext(ListenerTls.context(listener.spec().tls()));
            }
            listener.listener().root().serve(withHsts(listener.spec(), handlers.apply(listener.spec().name())));
            listener.listener().slots().resize(settings.limitsOf(listener.spec()).maxConnections());
            registerConnectionGauge(listener.spec().name(), listener.listener().address().getPort());
        }
        for (ListenerBinder.Bound<HttpListenerSpec, Server> gone : change.removed()) {
            metrics.remove(MetricNames.listenerActiveConnections(gone.spec().name()));
            gone.listener().stop();
            retire(gone.listener().root());
        }
    }

    /** Drains a listener that stopped accepting: what a removed listener and every listener at a graceful stop go through. */
    private void retire(ListenerRoot root) {
        root.drain();
        retired.add(root);
    }

    /** The port a listener is bound to (useful when the script asked for port 0). */
    public int port(String listenerName) {
        return listeners.port(listenerName);
    }

    /** Where each listener is bound, by name, as the sockets report it. */
    public Map<String, InetSocketAddress> addresses() {
        return listeners.addresses();
    }

    /**
     * Closes every listening socket and every connection that is not inside a request (never used, or idle between
     * requests); requests in flight are served until {@link #close}, and their connections closed after their response.
     */
    public synchronized void stopAccepting() {
        List<ListenerBinder.Bound<HttpListenerSpec, Server>> stopped = listeners.bound();
        listeners.closeAll();
        stopped.forEach(b -> retire(b.listener().root()));
    }

    /** WebSockets and other upgraded connections open now, on listeners bound or draining. */
    public synchronized int activeTunnels() {
        return roots().mapToInt(ListenerRoot::activeTunnels).sum();
    }

    /** Closes every listening socket and every client connection still open. */
    @Override
    public synchronized void close() {
        List<ListenerRoot> open = roots().toList();
        listeners.closeAll();
        open.forEach(ListenerRoot::closeAll);
        retired.clear();
        buffers.close();
        tlsRecords.close();
    }

    private Stream<ListenerRoot> roots() {
        return Stream.concat(listeners.bound().stream().map(b -> b.listener().root()), retired.stream());
    }

    /** A listener is kept by its binding and its kind: an http one is never reused as https. */
    private static String key(HttpListenerSpec spec) {
        return (spec.isHttps() ? "https " : "http ") + spec.binding();
    }

    private static HttpHandler withHsts(HttpListenerSpec spec, HttpHandler handler) {
        return spec.isHttps() && spec.tls().hsts() != null ? new HstsHandler(spec.tls().hsts(), handler) : handler;
    }

    private Server start(HttpListenerSpec spec, HttpHandler handler) {
        // set when bound: a reload that keeps the listener changes these on the next start (see docs/hardening.md)
        HttpLimits limits = settings.limitsOf(spec);
        ListenerCounts counts = ListenerCounts.register(metrics, spec.name(), connections, limits.maxConnections());
        ListenerRoot root = new ListenerRoot(withHsts(spec, handler), counts.tunnels(), settings.tunnelIdleTimeout().toMillis());
        String address = bindOverride != null ? bindOverride : spec.bindAddress();
        Server bound;
        try {
            // every kind gets the strict byte check, the gaps and the caps on Junction's own accept path
            InetSocketAddress socket = new InetSocketAddress(address, spec.port());
            StrictHttpListener.Serving serving = new StrictHttpListener.Serving(worker.get(), buffers, serverOptions(limits), root,
                    limits, counts, spec.name());
            bound = new Server(spec.isHttps() ? StrictHttpListener.bindHttps(socket, serving, tlsRecords, spec.tls())
                    : StrictHttpListener.bind(socket, serving, spec.h2c()), root, counts.slots());
        } catch (RuntimeException | IOException e) {
            throw new IllegalStateException("listener '" + spec.name() + "' cannot bind " + address + ":" + spec.port()
                    + " (" + spec.location() + "): " + rootMessage(e), e);
        }
        log.info("listener '{}' on {}:{}{}", spec.name(), address, bound.address().getPort(), spec.isHttps()
                ? " (https" + (spec.tls().h2() ? ", h2" : "") + ", " + spec.tls().certificates().size() + " certificate(s), on Undertow)"
                : spec.h2c() ? " (h2c, on Undertow)" : "");
        return bound;
    }

    private static OptionMap serverOptions(HttpLimits limits) {
        return OptionMap.builder()
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int) limits.idleTimeout().toMillis())
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) limits.headerTimeout().toMillis())
                // backstops: StrictRequestHandler holds heads to the limits and answers 414/431 as the own engine does
                .set(UndertowOptions.MAX_HEADER_SIZE, backstop(limits.maxHeaderSize()))
                .set(UndertowOptions.MAX_HEADERS, backstop(limits.maxHeaders()))
                .set(UndertowOptions.MAX_ENTITY_SIZE, limits.maxRequestBody() <= 0 ? -1 : limits.maxRequestBody())
                .set(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, false)
                .getMap();
    }

    /** Twice the limit: past it Undertow's parser refuses a head (400) before StrictRequestHandler sees it. */
    private static int backstop(int limit) {
        return (int) Math.min(Integer.MAX_VALUE, 2L * limit);
    }

    /**
     * Open connections as XNIO's accepting server counts them anyway; Undertow's own statistics
     * would add atomic updates and a completion listener to every request.
     */
    private void registerConnectionGauge(String listenerName, int port) {
        String name = MetricNames.listenerActiveConnections(listenerName);
        String portSuffix = ":" + port;
        metrics.remove(name);
        metrics.register(name, (Gauge<Integer>) () -> worker.get().getMXBean().getServerMXBeans().stream()
                .filter(server -> server.getBindAddress().endsWith(portSuffix))
                .mapToInt(XnioServerMXBean::getConnectionCount)
                .sum());
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
