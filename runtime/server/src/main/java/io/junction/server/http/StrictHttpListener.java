package io.junction.server.http;

import io.junction.core.model.TlsSpec;
import io.junction.server.engine.http1.Http1Limits;
import io.junction.server.tls.ListenerTls;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.ConnectorStatistics;
import io.undertow.server.DelegateOpenListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
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

/**
 * An HTTP/1 listener served by Undertow's HTTP/1 connection handling, plain or https, bound here rather than by
 * {@code Undertow.start()} so that each connection gets a {@link StrictFramingConduit} under Undertow's parser:
 * Undertow's builder offers no hook between accepting a connection and parsing it. On https the conduit sits on the
 * decrypted bytes, and only on HTTP/1 connections (ALPN hands h2 ones to Undertow's HTTP/2 server). Options as
 * {@code Undertow.start()} sets them for its own listeners.
 */
final class StrictHttpListener {

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

    /** Binds {@code address} and starts accepting; closing the returned channel stops accepting. */
    static AcceptingChannel<StreamConnection> bind(XnioWorker worker, InetSocketAddress address, ByteBufferPool buffers,
                                                   OptionMap serverOptions, HttpHandler root, Http1Limits limits) throws IOException {
        AcceptingChannel<StreamConnection> server = worker.createStreamConnectionServer(
                address, ChannelListeners.openListenerAdapter(new Strict(buffers, serverOptions, root, limits)), SOCKET_OPTIONS);
        server.resumeAccepts();
        return server;
    }

    /** Binds an https listener with {@code tls}'s certificates, versions, suites and h2, and starts accepting. */
    static Https bindHttps(XnioWorker worker, InetSocketAddress address, ByteBufferPool buffers, OptionMap serverOptions,
                           HttpHandler root, Http1Limits limits, TlsSpec tls) throws IOException {
        UndertowXnioSsl ssl = ListenerTls.ssl(worker, tls);
        ChannelListener<StreamConnection> open = ListenerTls.openListener(tls, buffers, serverOptions, root,
                new Strict(buffers, serverOptions, root, limits));
        AcceptingChannel<? extends StreamConnection> server = ssl.createSslConnectionServer(worker, address,
                ChannelListeners.openListenerAdapter(open),
                OptionMap.builder().addAll(SOCKET_OPTIONS).addAll(ListenerTls.socketOptions(tls)).getMap());
        server.resumeAccepts();
        return new Https(server, ssl);
    }

    /** Undertow's HTTP/1 open listener behind the strict check. */
    private static final class Strict implements DelegateOpenListener {

        private final HttpOpenListener undertow;
        private final Http1Limits limits;

        Strict(ByteBufferPool buffers, OptionMap serverOptions, HttpHandler root, Http1Limits limits) {
            this.undertow = new HttpOpenListener(buffers,
                    OptionMap.builder().set(UndertowOptions.BUFFER_PIPELINED_DATA, true).addAll(serverOptions).getMap());
            this.undertow.setRootHandler(root);
            this.limits = limits;
        }

        @Override
        public void handleEvent(StreamConnection connection) {
            handleEvent(connection, null);
        }

        /** @param alreadyRead bytes ALPN read past the handshake: checked here, since they never pass the conduit */
        @Override
        public void handleEvent(StreamConnection connection, PooledByteBuffer alreadyRead) {
            StrictFramingConduit strict = new StrictFramingConduit(
                    connection.getSourceChannel().getConduit(), connection.getSinkChannel().getConduit(), limits);
            connection.getSourceChannel().setConduit(strict);
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
