package io.junction.server.http;

import io.junction.core.http.ConnectionSlots;
import io.junction.core.model.HttpLimits;
import io.junction.core.model.TlsSpec;
import io.junction.server.config.JunctionSettings;
import io.junction.server.metrics.LimitCount;
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
import io.undertow.server.protocol.http2.Http2UpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;
import org.xnio.ssl.SslConnection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A listener served by Undertow's HTTP/1 connection handling, plain, h2c or https, bound here rather than by
 * {@code Undertow.start()} so that each connection gets a {@link StrictFramingConduit} under Undertow's parser and a
 * {@link ClientSinkConduit} under its writes: Undertow's builder offers no hook between accepting a connection and
 * parsing it. On https both sit on the decrypted bytes, and only on HTTP/1 connections (ALPN hands h2 ones to
 * Undertow's HTTP/2 server); on h2c they are under HTTP/2 too, whose bytes the strict check leaves alone. Each
 * connection is told to the listener's root, so that a drain can close those that never send a request. At the
 * listener's connection cap (or the total one) it stops accepting until a connection ends. Options as
 * {@code Undertow.start()} sets them for its own listeners.
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

    /**
     * What serves a listener's connections.
     *
     * @param serverOptions Undertow's options for the listener's limits
     * @param limits        the listener's limits, every field set
     * @param name          the listener's name, for the log
     */
    record Serving(XnioWorker worker, ByteBufferPool buffers, OptionMap serverOptions, ListenerRoot root, HttpLimits limits,
                   ListenerCounts counts, String name) {
    }

    /** A bound listener; {@code ssl}, for an https one only, takes a reload's SSLContext. */
    record Bound(AcceptingChannel<? extends StreamConnection> channel, UndertowXnioSsl ssl, CappedAccepts<?> accepts) {

        /** Stops accepting, and closes the connections parked at the cap: this listener will never serve them. */
        void close() {
            IoUtils.safeClose(channel);
            accepts.closeParked();
        }
    }

    private StrictHttpListener() {
    }

    /**
     * Binds a plain listener at {@code address} and starts accepting; closing the returned channel stops accepting.
     *
     * @param h2c whether it also takes HTTP/2 in cleartext (prior knowledge, or an upgrade from HTTP/1.1)
     */
    static Bound bind(InetSocketAddress address, Serving serving, boolean h2c) throws IOException {
        CappedAccepts<StreamConnection> accepts = new CappedAccepts<>(new Strict(serving, h2c), serving);
        AcceptingChannel<StreamConnection> server = serving.worker().createStreamConnectionServer(address, accepts, SOCKET_OPTIONS);
        server.resumeAccepts();
        return new Bound(server, null, accepts);
    }

    /** Binds an https listener with {@code tls}'s certificates, versions, suites and h2, and starts accepting. */
    static Bound bindHttps(InetSocketAddress address, Serving serving, ByteBufferPool records, TlsSpec tls) throws IOException {
        UndertowXnioSsl ssl = ListenerTls.ssl(serving.worker(), tls, records);
        ChannelListener<StreamConnection> open = ListenerTls.openListener(tls, serving.buffers(), serving.serverOptions(),
                serving.root(), new Strict(serving, false));
        CappedAccepts<SslConnection> accepts = new CappedAccepts<>(open, serving);
        AcceptingChannel<SslConnection> server = ssl.createSslConnectionServer(serving.worker(), address, accepts,
                OptionMap.builder().addAll(SOCKET_OPTIONS).addAll(ListenerTls.socketOptions(tls)).getMap());
        server.resumeAccepts();
        return new Bound(server, ssl, accepts);
    }

    /**
     * Takes connections from XNIO while the listener is below its caps. XNIO's queued server has accepted a
     * connection before it calls this, and calls again until it is taken, so one that arrives at the cap is taken
     * and parked (not read) until a slot frees; accepting is suspended meanwhile, so the next ones wait in the
     * kernel's backlog. A connection is served only with a slot taken ({@link ConnectionSlots#tryOpen}), so I/O
     * threads that take connections at once never pass a cap together.
     */
    private static final class CappedAccepts<C extends StreamConnection> implements ChannelListener<AcceptingChannel<C>> {

        private final ChannelListener<? super C> open;
        private final ListenerRoot root;
        private final ConnectionSlots slots;
        private final LimitCount limits;
        private final String name;
        private final Queue<C> parked = new ConcurrentLinkedQueue<>();

        CappedAccepts(ChannelListener<? super C> open, Serving serving) {
            this.open = open;
            this.root = serving.root();
            this.slots = serving.counts().slots();
            this.limits = serving.counts().limits();
            this.name = serving.name();
        }

        @Override
        public void handleEvent(AcceptingChannel<C> server) {
            C connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                log.debug("listener '{}' failed to accept: {}", name, e.toString());
                return;
            }
            if (connection == null) {
                return;
            }
            if (!slots.tryOpen()) {
                parked.add(connection);
            } else {
                serve(connection);
                if (!slots.full()) {
                    return;
                }
            }
            // at the cap: the next connections wait in the kernel's backlog until one of these ends
            server.suspendAccepts();
            limits.connectionCapStop();
            if (slots.stopped(() -> resume(server))) {
                log.warn("listener '{}' stopped accepting at its connection cap ({} open here); new connections wait",
                        name, slots.open());
            }
        }

        /**
         * Serves a connection whose slot is taken; the slot is given back when its writes end or it closes, whichever
         * comes first: after a {@code Connection: close} response Undertow keeps the connection open until the client
         * closes its end (up to 10 s), and a slot held that long would keep the next client waiting for nothing.
         */
        private void serve(C connection) {
            AtomicBoolean given = new AtomicBoolean();
            Runnable giveBack = () -> {
                if (given.compareAndSet(false, true)) {
                    slots.closed();
                }
            };
            connection.getSinkChannel().setConduit(new WritesEndedSinkConduit(connection.getSinkChannel().getConduit(), giveBack));
            // XNIO adds this to the close listener Undertow sets
            connection.setCloseListener(closed -> {
                giveBack.run();
                root.closed(connection);
            });
            // every kind, before ALPN hands an https one to HTTP/2: a drain closes it if no request came
            root.accepted(connection);
            open.handleEvent(connection);
        }

        void closeParked() {
            for (C connection = parked.poll(); connection != null; connection = parked.poll()) {
                IoUtils.safeClose(connection);
            }
        }

        /** A slot freed (on whichever thread closed a connection): parked connections first, each on its own thread. */
        private void resume(AcceptingChannel<C> server) {
            while (slots.tryOpen()) {
                C next = parked.poll();
                if (next == null) {
                    slots.closed();
                    server.resumeAccepts();
                    return;
                }
                next.getIoThread().execute(() -> serve(next));
            }
            slots.stopped(() -> resume(server));
        }
    }

    /** Undertow's HTTP/1 open listener behind the strict check and the write gap. */
    private static final class Strict implements DelegateOpenListener {

        private final HttpOpenListener undertow;
        private final HttpLimits limits;
        private final ListenerCounts counts;
        private final boolean h2c;

        Strict(Serving serving, boolean h2c) {
            OptionMap options = OptionMap.builder().set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
                    .addAll(serving.serverOptions()).addAll(h2c ? ListenerTls.http2Options() : OptionMap.EMPTY).getMap();
            this.undertow = new HttpOpenListener(serving.buffers(), options);
            // as Undertow's builder wires h2c: an upgrade is answered before the listener's root sees it
            this.undertow.setRootHandler(h2c ? new Http2UpgradeHandler(serving.root()) : serving.root());
            this.limits = serving.limits();
            this.counts = serving.counts();
            this.h2c = h2c;
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
                    limits.bodyReadGap().toMillis(), counts.limits(), h2c);
            connection.getSourceChannel().setConduit(strict);
            connection.getSinkChannel().setConduit(client);
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
