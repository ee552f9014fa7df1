package io.junction.server.engine;

import io.junction.core.http.ConnectionSlots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One listener's listening sockets: one per event loop on the same port (SO_REUSEPORT, so the kernel spreads
 * connections; a connection stays on the loop that accepted it unless another serves two fewer). At the listener's
 * connection cap (or the total one) each socket stops accepting until a connection ends ({@link ConnectionSlots});
 * HTTP and tcp listeners alike.
 */
public final class ListeningSockets implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ListeningSockets.class);

    /** Takes an accepted connection (non-blocking, TCP_NODELAY) on the loop that serves it. */
    @FunctionalInterface
    public interface Accepted {
        /** Whatever it throws closes the connection and gives its slot back. */
        void accepted(EventLoop loop, SocketChannel client) throws IOException;
    }

    private final String name;
    private final ConnectionSlots slots;
    /** Counts a stop at the cap. */
    private final Runnable capStop;
    private final Accepted accepted;
    private final List<Acceptor> acceptors = new ArrayList<>();
    private final InetSocketAddress address;
    private final EventLoop[] loops;

    /** Binds a socket on every loop; port 0 takes an ephemeral port, the same on each. */
    ListeningSockets(String name, InetSocketAddress requested, EventLoop[] loops, ConnectionSlots slots,
                     Runnable capStop, Accepted accepted) throws IOException {
        this.name = name;
        this.slots = slots;
        this.capStop = capStop;
        this.accepted = accepted;
        this.loops = loops;
        InetSocketAddress bindTo = requested;
        try {
            for (EventLoop loop : loops) {
                ServerSocketChannel socket = ServerSocketChannel.open();
                socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                acceptors.add(new Acceptor(loop, socket));
                socket.bind(bindTo, 1024);
                // a port 0 listener takes the port the first socket got
                bindTo = (InetSocketAddress) socket.getLocalAddress();
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        this.address = bindTo;
        for (Acceptor acceptor : acceptors) {
            acceptor.loop.call(acceptor::register);
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    /** A connection that {@code loop} served has closed: its slot and its place on the loop are free. */
    public void closed(EventLoop loop) {
        loop.clientClosed();
        slots.closed();
    }

    /** Stops accepting; connections already accepted finish on their own. */
    @Override
    public void close() {
        for (Acceptor acceptor : acceptors) {
            acceptor.loop.call(acceptor::close);
        }
    }

    /**
     * The loop to serve a connection that {@code accepting} took, counted on it: {@code accepting} itself unless
     * another loop serves at least two fewer connections. SO_REUSEPORT spreads connections by a hash of their
     * addresses, which gave one loop 36 of wrk's 64 and the other 28, and that loop's clients waited longer;
     * HAProxy likewise hands an accepted connection to its least loaded thread.
     */
    private EventLoop servingLoop(EventLoop accepting) {
        int own = accepting.clients();
        EventLoop least = accepting;
        int fewest = own;
        for (EventLoop each : loops) {
            int served = each.clients();
            if (served < fewest) {
                least = each;
                fewest = served;
            }
        }
        EventLoop serving = fewest <= own - 2 ? least : accepting;
        serving.clientAdded();
        return serving;
    }

    /** Runs on {@code serving}'s thread. */
    private void adopt(EventLoop serving, SocketChannel client) {
        try {
            client.configureBlocking(false);
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            accepted.accepted(serving, client);
        } catch (IOException | RuntimeException e) {
            closed(serving);
            try {
                client.close();
            } catch (IOException ignored) {
                // it is gone either way
            }
        }
    }

    /** The listening socket of one loop. */
    private final class Acceptor implements IoHandler {
        private final EventLoop loop;
        private final ServerSocketChannel socket;
        private SelectionKey key;

        Acceptor(EventLoop loop, ServerSocketChannel socket) {
            this.loop = loop;
            this.socket = socket;
        }

        Void register() {
            try {
                key = loop.register(socket, SelectionKey.OP_ACCEPT, this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }

        @Override
        public void ready(int readyOps) throws IOException {
            // the slot first: loops racing for the last one never accept past the cap
            while (slots.tryOpen()) {
                SocketChannel client = socket.accept();
                if (client == null) {
                    slots.closed();
                    return;
                }
                EventLoop serving = servingLoop(loop);
                if (serving == loop) {
                    adopt(serving, client);
                } else {
                    serving.execute(() -> adopt(serving, client));
                }
            }
            // at the cap: the next connections wait in the kernel's backlog until one of these ends
            key.interestOps(0);
            capStop.run();
            if (slots.stopped(() -> loop.execute(this::resume))) {
                log.warn("listener '{}' stopped accepting at its connection cap ({} open here); new connections wait",
                        name, slots.open());
            }
        }

        private void resume() {
            if (key != null && key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }

        @Override
        public void failed(Exception e) {
            close();
        }

        Void close() {
            if (key != null) {
                key.cancel();
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
            return null;
        }
    }
}
