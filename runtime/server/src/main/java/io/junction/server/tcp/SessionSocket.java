package io.junction.server.tcp;

import io.junction.server.engine.EventLoop;
import io.junction.server.engine.RegisteredSocket;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * One socket of a {@link TcpSession}, the client's or the backend's, on the session's event loop, and the interest
 * it has armed: read interest for the direction that reads from it, write interest only while the other direction
 * has bytes it did not take.
 */
final class SessionSocket extends RegisteredSocket {

    private final TcpSession session;

    SessionSocket(SocketChannel channel, TcpSession session) {
        this.channel = channel;
        this.session = session;
    }

    void register(EventLoop loop, int interest) throws IOException {
        register(loop, channel, interest);
    }

    @Override
    public void ready(int readyOps) {
        session.ready(this, readyOps);
    }

    @Override
    public void failed(Exception e) {
        session.failed();
    }

    /** Closes the socket; with {@code reset}, SO_LINGER 0 makes the close send a reset instead of a FIN. */
    void close(boolean reset) {
        try {
            if (reset && channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException e) {
            // the connection is already gone, which is what closing it is for
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }
}
