package io.junction.server.tcp;

import com.codahale.metrics.MetricRegistry;
import io.junction.server.resolve.BackendAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One bound tcp listener. A reload that keeps it swaps {@link #serve} in one volatile write: each connection reads
 * it once when accepted and runs wholly on that generation, so open connections live on across reloads. The count
 * of open connections belongs to the listener, not to a generation, so the limit holds across reloads too.
 */
final class TcpListener {

    private static final Logger log = LoggerFactory.getLogger(TcpListener.class);

    private final String name;
    private final SpliceBuffers buffers;
    private final BackendAddresses backendAddresses;
    private final MetricRegistry registry;
    private final ListenerMetrics metrics;
    private final AtomicInteger open = new AtomicInteger();
    private AcceptingChannel<StreamConnection> server;
    private volatile TcpForwarding current;

    TcpListener(String name, TcpForwarding initial, SpliceBuffers buffers, BackendAddresses backendAddresses,
                MetricRegistry registry) {
        this.name = name;
        this.current = initial;
        this.buffers = buffers;
        this.backendAddresses = backendAddresses;
        this.registry = registry;
        this.metrics = ListenerMetrics.register(registry, name, open::get);
    }

    /** Binds and starts accepting. */
    void bind(XnioWorker worker, InetSocketAddress address, OptionMap options) throws IOException {
        server = worker.createStreamConnectionServer(address, this::acceptAll, options);
        server.resumeAccepts();
    }

    private void acceptAll(AcceptingChannel<StreamConnection> channel) {
        try {
            for (StreamConnection connection = channel.accept(); connection != null; connection = channel.accept()) {
                admit(connection);
            }
        } catch (IOException e) {
            log.debug("listener '{}': accept failed", name, e);
        }
    }

    /** Above the limit a connection is accepted and closed at once (the client sees its connection end), and counted. */
    private void admit(StreamConnection connection) {
        metrics.connections().mark();
        TcpForwarding forwarding = current;
        if (open.incrementAndGet() > forwarding.limits().maxConnections()) {
            open.decrementAndGet();
            metrics.rejected().inc();
            IoUtils.safeClose(connection);
            return;
        }
        new TcpSession(connection, forwarding, this).start();
    }

    void serve(TcpForwarding next) {
        current = next;
    }

    void sessionClosed() {
        open.decrementAndGet();
    }

    SpliceBuffers buffers() {
        return buffers;
    }

    BackendAddresses backendAddresses() {
        return backendAddresses;
    }

    ListenerMetrics metrics() {
        return metrics;
    }

    MetricRegistry registry() {
        return registry;
    }

    InetSocketAddress address() {
        return server.getLocalAddress(InetSocketAddress.class);
    }

    /** Stops accepting; open connections end on their own (or at their idle timeout). */
    void close() {
        IoUtils.safeClose(server);
    }
}
