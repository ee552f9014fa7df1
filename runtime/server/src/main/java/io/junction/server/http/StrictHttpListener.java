package io.junction.server.http;

import io.junction.core.model.HttpLimits;
import io.junction.server.config.JunctionSettings;
import io.junction.server.metrics.ListenerCounts;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
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
 * Undertow's parser and a {@link ClientSinkConduit} under its writes: Undertow's builder offers no hook between
 * accepting a connection and parsing it. At the listener's connection cap (or the total one) it stops accepting
 * until a connection ends. Options as {@code Undertow.start()} sets them for its own HTTP listeners.
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

    private StrictHttpListener() {
    }

    /**
     * Binds {@code address} and starts accepting; closing the returned channel stops accepting.
     *
     * @param limits the listener's limits, every field set
     */
    static AcceptingChannel<StreamConnection> bind(XnioWorker worker, InetSocketAddress address, ByteBufferPool buffers,
                                                   OptionMap serverOptions, HttpHandler root, HttpLimits limits,
                                                   ListenerCounts counts, String name) throws IOException {
        HttpOpenListener undertow = new HttpOpenListener(buffers,
                OptionMap.builder().set(UndertowOptions.BUFFER_PIPELINED_DATA, true).addAll(serverOptions).getMap());
        undertow.setRootHandler(root);
        ChannelListener<StreamConnection> strict = connection -> {
            ClientSinkConduit client = new ClientSinkConduit(connection.getSinkChannel().getConduit(), connection,
                    limits.responseWriteGap().toMillis(), counts.limits());
            connection.getSourceChannel().setConduit(new StrictFramingConduit(connection.getSourceChannel().getConduit(),
                    connection.getSinkChannel().getConduit(), client, JunctionSettings.Http.headLimits(limits),
                    limits.bodyReadGap().toMillis(), counts.limits()));
            connection.getSinkChannel().setConduit(client);
            undertow.handleEvent(connection);
        };
        AcceptingChannel<StreamConnection> server = worker.createStreamConnectionServer(
                address, accepting -> accept(accepting, strict, counts, name), SOCKET_OPTIONS);
        server.resumeAccepts();
        return server;
    }

    private static void accept(AcceptingChannel<StreamConnection> server, ChannelListener<StreamConnection> open,
                               ListenerCounts counts, String name) {
        if (!counts.slots().full()) {
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
            counts.slots().opened();
            // XNIO adds this to the close listener Undertow sets
            connection.setCloseListener(closed -> counts.slots().closed());
            open.handleEvent(connection);
            if (!counts.slots().full()) {
                return;
            }
        }
        // at the cap: the next connections wait in the kernel's backlog until one of these ends
        server.suspendAccepts();
        counts.limits().connectionCapStop();
        if (counts.slots().stopped(server::resumeAccepts)) {
            log.warn("listener '{}' stopped accepting at its connection cap ({} open here); new connections wait",
                    name, counts.slots().open());
        }
    }
}
