package io.junction.server.http;

import io.junction.core.model.HttpLimits;
import io.junction.core.model.TlsSpec;
import io.junction.server.config.JunctionSettings;
import io.junction.server.metrics.ListenerCounts;
import io.junction.server.tls.ListenerTls;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.ConnectorStatistics;
import io.undertow.server.DelegateOpenListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An HTTP/1 listener served by Undertow's HTTP/1 connection handling, plain or https, bound here rather than by
 * {@code Undertow.start()} so that each connection gets a {@link StrictFramingConduit} under Undertow's parser and a
 * {@link ClientSinkConduit} under its writes: Undertow's builder offers no hook between accepting a connection and
 * parsing it. On https both sit on the decrypted bytes, and only on HTTP/1 connections (ALPN hands h2 ones to
 * Undertow's HTTP/2 server). Each connection is told to the listener's root, so that a drain can close those that
 * never send a request. At a plain listener's connection cap (or the total one) it stops accepting until a
 * connection ends. Options as {@code Undertow.start()} sets them for its own listeners.
 */
final class StrictHttpListener {

    private static final Logger log = LoggerFactory.getLogger(StrictHttpListener.class);

    private static final OptionMap SOCKET_OPTIONS = OptionMap.builder()
            .set(Options.TCP_NODELAY, true)
            .set(Options.REUSE_ADDRESSES, true)
            .set(Options.BALANCING_TOKENS, 1)
            .set(Options.BALANCING_CONNECTIONS, 2)
            .set(Options.BACKLOG, 1000)
            .getMap();

    /** A bound https listener: closing {@code channel} stops accepting; {@code ssl} takes a reload's SSLContext. */
    record Https(AcceptingChannel<? extends StreamConnection> channel, UndertowXnioSsl ssl) {
    }

    private StrictHttpListener() {
    }

    /**
     * Binds {@code address} and starts accepting; closing the returned channel stops accepting.
     *
     * @param limits the listener's limits, every field set
     */
    static AcceptingChannel<StreamConnection> bind(XnioWorker worker, InetSocketAddress address, ByteBufferPool buffers,
                                                   OptionMap serverOptions, ListenerRoot root, HttpLimits limits,
                                                   ListenerCounts counts, String name) throws IOException {
        AcceptingChannel<StreamConnection> server = worker.createStreamConnectionServer(address,
                new CappedAccepts(new Strict(buffers, serverOptions, root, limits, counts), counts, name), SOCKET_OPTIONS);
        server.resumeAccepts();
        return server;
    }

    /**
     * Takes connections from XNIO while the listener is below its caps. XNIO's queued server has accepted a
     * connection before it calls this, and calls again until it is taken, so one that arrives at the cap is taken
     * and parked (not read) until a slot frees; accepting is suspended meanwhile, so the next ones wait in the
     * kernel's backlog.
     */
    private static final class CappedAccepts implements ChannelListener<AcceptingChannel<StreamConnection>> {

        private final ChannelListener<StreamConnection> open;
        private final ListenerCounts counts;
        private final String name;
        private final Queue<StreamConnection> parked = new ConcurrentLinkedQueue<>();

        CappedAccepts(ChannelListener<StreamConnection> open, ListenerCounts counts, String name) {
            this.open = open;
            this.counts = counts;
            this.name = name;
        }

        @Override
        public void handleEvent(AcceptingChannel<StreamConnection> server) {
            StreamConnection connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                log.debug("listener '{}' failed to accept: {}", name, e.toString());
                return;
            }
            if (connection == null) {
                return;
            }
            if (counts.slots().full()) {
                parked.add(connection);
            } else {
                serve(connection);
                if (!counts.slots().full()) {
                    return;
                }
            }
            // at the cap: the next connections wait in the kernel's backlog until one of these ends
            server.suspendAccepts();
            counts.limits().connectionCapStop();
            if (counts.slots().stopped(() -> resume(server))) {
                log.warn("listener '{}' stopped accepting at its connection cap ({} open here); new connections wait",
                        name, counts.slots().open());
            }
        }

        private void serve(StreamConnection connection) {
            counted(connection);
            open.handleEvent(connection);
        }

        private void counted(StreamConnection connection) {
            counts.slots().opened();
            // XNIO adds this to the close listener Undertow sets
            connection.setCloseListener(closed -> counts.slots().closed());
        }

        /** A slot freed (on whichever thread closed a connection): parked connections first, each on its own thread. */
        private void resume(AcceptingChannel<StreamConnection> server) {
            for (StreamConnection connection; !counts.slots().full() && (connection = parked.poll()) != null; ) {
                StreamConnection next = connection;
                counted(next);
                next.getIoThread().execute(() -> open.handleEvent(next));
            }
            if (counts.slots().full()) {
                counts.slots().stopped(() -> resume(server));
            } else {
                server.resumeAccepts();
            }
        }
    }

    /**
     * Binds an https listener with {@code tls}'s certificates, versions, suites and h2, and starts accepting.
     *
     * @param records the TLS record buffers (see {@link ListenerTls#ssl})
     */
    static Https bindHttps(XnioWorker worker, InetSocketAddress address, ByteBufferPool buffers, ByteBufferPool records,
                           OptionMap serverOptions, ListenerRoot root, HttpLimits limits, ListenerCounts counts,
                           TlsSpec tls) throws IOException {
        UndertowXnioSsl ssl = ListenerTls.ssl(worker, tls, records);
        ChannelListener<StreamConnection> open = ListenerTls.openListener(tls, buffers, serverOptions, root,
                new Strict(buffers, serverOptions, root, limits, counts));
        AcceptingChannel<? extends StreamConnection> server = ssl.createSslConnectionServer(worker, address,
                ChannelListeners.openListenerAdapter(open),
                OptionMap.builder().addAll(SOCKET_OPTIONS).addAll(ListenerTls.socketOptions(tls)).getMap());
        server.resumeAccepts();
        return new Https(server, ssl);
    }

    /** Undertow's HTTP/1 open listener behind the strict check and the write gap. */
    private static final class Strict implements DelegateOpenListener {

        private final HttpOpenListener undertow;
        private final ListenerRoot root;
        private final HttpLimits limits;
        private final ListenerCounts counts;

        Strict(ByteBufferPool buffers, OptionMap serverOptions, ListenerRoot root, HttpLimits limits, ListenerCounts counts) {
            this.undertow = new HttpOpenListener(buffers,
                    OptionMap.builder().set(UndertowOptions.BUFFER_PIPELINED_DATA, true).addAll(serverOptions).getMap());
            this.undertow.setRootHandler(root);
            this.root = root;
            this.limits = limits;
            this.counts = counts;
        }

        @Override
        public void handleEvent(StreamConnection connection) {
            handleEvent(connection, null);
        }

        /** @param alreadyRead bytes ALPN read past the handshake: checked here, since they never pass the conduit */
        @Override
        public void handleEvent(StreamConnection connection, PooledByteBuffer alreadyRead) {
            ClientSinkConduit client = new ClientSinkConduit(connection.getSinkChannel().getConduit(), connection,
                    limits.responseWriteGap().toMillis(), counts.limits());
            StrictFramingConduit strict = new StrictFramingConduit(connection.getSourceChannel().getConduit(),
                    connection.getSinkChannel().getConduit(), client, JunctionSettings.Http.headLimits(limits),
                    limits.bodyReadGap().toMillis(), counts.limits());
            connection.getSourceChannel().setConduit(strict);
            connection.getSinkChannel().setConduit(client);
            root.accepted(connection);
            try {
                if (alreadyRead != null && !strict.admit(alreadyRead.getBuffer())) {
                    // refused and answered: Undertow gets nothing to parse and reads the end of input
                    alreadyRead.getBuffer().position(alreadyRead.getBuffer().limit());
                }
            } catch (IOException answerFailed) {
                alreadyRead.close();
                IoUtils.safeClose(connection);
                return;
            }
            undertow.handleEvent(connection, alreadyRead);
        }

        @Override
        public HttpHandler getRootHandler() {
            return undertow.getRootHandler();
        }

        @Override
        public void setRootHandler(HttpHandler rootHandler) {
            undertow.setRootHandler(rootHandler);
        }

        @Override
        public OptionMap getUndertowOptions() {
            return undertow.getUndertowOptions();
        }

        @Override
        public void setUndertowOptions(OptionMap undertowOptions) {
            undertow.setUndertowOptions(undertowOptions);
        }

        @Override
        public ByteBufferPool getBufferPool() {
            return undertow.getBufferPool();
        }

        @Override
        public ConnectorStatistics getConnectorStatistics() {
            return undertow.getConnectorStatistics();
        }

        @Override
        public void closeConnections() {
            undertow.closeConnections();
        }
    }
}
