package io.junction.server.http;

import io.junction.core.model.HttpLimits;
import io.junction.server.config.JunctionSettings;
import io.junction.server.metrics.ListenerCounts;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A plain HTTP/1 listener served by Undertow's HTTP/1 connection handling, bound here rather than by
 * {@code Undertow.start()} so that each accepted connection gets a {@link StrictFramingConduit} under
 * Undertow's parser and a {@link ClientSinkConduit} under its writes: Undertow's builder offers no hook between
 * accepting a connection and parsing it. It also tells the listener's root of each connection, so that a drain can
 * close those that never send a request. At the listener's connection cap (or the total one) it stops accepting
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
                                                   OptionMap serverOptions, ListenerRoot root, HttpLimits limits,
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
            root.accepted(connection);
            undertow.handleEvent(connection);
        };
        AcceptingChannel<StreamConnection> server = worker.createStreamConnectionServer(
                address, new CappedAccepts(strict, counts, name), SOCKET_OPTIONS);
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
}
