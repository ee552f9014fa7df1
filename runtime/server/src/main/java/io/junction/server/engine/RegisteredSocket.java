package io.junction.server.engine;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A socket registered with an event loop, and the interest it has armed. The key is changed only when the interest
 * changes (each change is an {@code epoll_ctl}), so a socket that keeps read interest armed costs none per message.
 */
public abstract class RegisteredSocket implements IoHandler {

    protected SocketChannel channel;
    private SelectionKey key;
    private int ops;

    /** Registers {@code socket} with {@code loop} for {@code interest}, this being what its key reports to. */
    protected void register(EventLoop loop, SocketChannel socket, int interest) throws IOException {
        this.channel = socket;
        this.ops = interest;
        this.key = loop.register(socket, interest, this);
    }

    public SocketChannel channel() {
        return channel;
    }

    public boolean registered() {
        return key != null;
    }

    public void interest(int wanted) {
        if (wanted != ops && key.isValid()) {
            ops = wanted;
            key.interestOps(wanted);
        }
    }

    public void readInterest(boolean on) {
        interest(on ? ops | SelectionKey.OP_READ : ops & ~SelectionKey.OP_READ);
    }

    public void writeInterest(boolean on) {
        interest(on ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE);
    }
}
