package io.junction.server.http;

import io.junction.server.engine.http1.Http1Limits;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.protocol.http.HttpOpenListener;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A plain HTTP/1 listener served by Undertow's HTTP/1 connection handling, bound here rather than by
 * {@code Undertow.start()} so that each accepted connection gets a {@link StrictFramingConduit} under
 * Undertow's parser: Undertow's builder offers no hook between accepting a connection and parsing it.
 * It also tells the listener's root of each connection, so that a drain can close those that never send a request.
 * Options as {@code Undertow.start()} sets them for its own HTTP listeners.
 */
final class StrictHttpListener {

    private static final OptionMap SOCKET_OPTIONS = OptionMap.builder()
            .set(Options.TCP_NODELAY, true)
            .set(Options.REUSE_ADDRESSES, true)
            .set(Options.BALANCING_TOKENS, 1)
            .set(Options.BALANCING_CONNECTIONS, 2)
            .set(Options.BACKLOG, 1000)
            .getMap();

    private StrictHttpListener() {
    }

    /** Binds {@code address} and starts accepting; closing the returned channel stops accepting. */
    static AcceptingChannel<StreamConnection> bind(XnioWorker worker, InetSocketAddress address, ByteBufferPool buffers,
                                                   OptionMap serverOptions, ListenerRoot root, Http1Limits limits) throws IOException {
        HttpOpenListener undertow = new HttpOpenListener(buffers,
                OptionMap.builder().set(UndertowOptions.BUFFER_PIPELINED_DATA, true).addAll(serverOptions).getMap());
        undertow.setRootHandler(root);
        ChannelListener<StreamConnection> strict = connection -> {
            connection.getSourceChannel().setConduit(new StrictFramingConduit(
                    connection.getSourceChannel().getConduit(), connection.getSinkChannel().getConduit(), limits));
            root.accepted(connection);
            undertow.handleEvent(connection);
        };
        AcceptingChannel<StreamConnection> server = worker.createStreamConnectionServer(
                address, ChannelListeners.openListenerAdapter(strict), SOCKET_OPTIONS);
        server.resumeAccepts();
        return server;
    }
}
