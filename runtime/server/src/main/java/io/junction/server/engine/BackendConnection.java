package io.junction.server.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connection to one backend: connecting for an {@link Exchange}, busy with one, or idle in its loop's
 * {@link BackendPool} with read interest still armed, so that a backend closing it (or sending bytes
 * nobody asked for) is seen at once and the connection is dropped, never reused.
 */
final class BackendConnection extends Connection {

    private enum State { CONNECTING, BUSY, IDLE, CLOSED }

    final String backendId;
    private final Deadline deadline;
    private State state;
    private Exchange exchange;

    BackendConnection(EventLoop loop, String backendId) {
        super(loop);
        this.backendId = backendId;
        this.deadline = new Deadline(loop.deadlines(), this::deadlinePassed);
    }

    /** Starts connecting for {@code exchange}; reports through its connected/connectFailed/connectTimedOut. */
    void connect(InetSocketAddress address, Exchange exchange, long timeoutMillis) throws IOException {
        this.exchange = exchange;
        state = State.CONNECTING;
        SocketChannel socket = SocketChannel.open();
        socket.configureBlocking(false);
        socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (socket.connect(address)) {
            attach(socket, SelectionKey.OP_READ);
            state = State.BUSY;
            exchange.connected(this);
        } else {
            attach(socket, SelectionKey.OP_CONNECT);
            deadline.arm(timeoutMillis);
        }
    }

    /** Taken from the pool by {@code exchange}. */
    void busy(Exchange exchange) {
        deadline.disarm();
        this.exchange = exchange;
        state = State.BUSY;
    }

    /** Put in the pool: holds no buffer, keeps read interest, closes after {@code idleMillis}. */
    void idle(long idleMillis) {
        exchange = null;
        state = State.IDLE;
        releaseInputIfEmpty();
        readInterest(true);
        writeInterest(false);
        deadline.arm(idleMillis);
    }

    @Override
    public void ready(int readyOps) throws IOException {
        switch (state) {
            case CONNECTING -> finishConnect();
            case BUSY -> exchange.backendReady(readyOps);
            // readable while idle: the backend closed it or sent what nobody asked for
            case IDLE -> closeIdle();
            case CLOSED -> { }
        }
    }

    private void finishConnect() {
        deadline.disarm();
        try {
            channel.finishConnect();
        } catch (IOException e) {
            Exchange owner = exchange;
            close();
            owner.connectFailed();
            return;
        }
        interest(SelectionKey.OP_READ);
        state = State.BUSY;
        exchange.connected(this);
    }

    private void deadlinePassed() {
        if (state == State.CONNECTING) {
            Exchange owner = exchange;
            close();
            owner.connectTimedOut();
        } else if (state == State.IDLE) {
            closeIdle();
        }
    }

    private void closeIdle() {
        loop.backends().remove(this);
        close();
    }

    @Override
    public void failed(Exception e) {
        if (state == State.BUSY && exchange != null) {
            exchange.backendFailed();
        } else if (state == State.CONNECTING) {
            Exchange owner = exchange;
            close();
            owner.connectFailed();
        } else {
            closeIdle();
        }
    }

    void close() {
        state = State.CLOSED;
        deadline.disarm();
        exchange = null;
        closeChannel();
    }
}
