package io.junction.server.http;

import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * {@code junction.http.tunnel-idle-timeout} on an Undertow-served connection that a 101 turned into a tunnel
 * (plain, h2c or https: on https the conduits see the decrypted bytes). Undertow resets a connection's conduits
 * when it upgrades, so its own idle timeout is gone by then; these conduits go on the client connection after the
 * upgrade and see every byte of the tunnel, since each one is read from or written to it. Once no byte passed
 * either way for the timeout, the client's side reads the end of input (the proxy's Tunnel passes it on to the
 * backend as a shutdown of its output) and the client connection is closed.
 */
final class TunnelIdleTimeout {

    private final StreamConnection connection;
    private final long timeoutNanos;
    private long lastActivity = System.nanoTime();
    private boolean expired;

    private TunnelIdleTimeout(StreamConnection connection, long timeoutNanos) {
        this.connection = connection;
        this.timeoutNanos = timeoutNanos;
    }

    /** Watches an upgraded connection; called on its I/O thread, after Undertow handed it to the upgrade listener. */
    static void watch(StreamConnection connection, long timeoutMillis) {
        TunnelIdleTimeout idle = new TunnelIdleTimeout(connection, TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        connection.getSourceChannel().setConduit(idle.new Source(connection.getSourceChannel().getConduit()));
        connection.getSinkChannel().setConduit(idle.new Sink(connection.getSinkChannel().getConduit()));
        idle.checkIn(idle.timeoutNanos);
    }

    private void checkIn(long nanos) {
        connection.getIoThread().executeAfter(this::check, nanos, TimeUnit.NANOSECONDS);
    }

    /** A timer may fire late, never early: the time left is measured again and the check re-armed for it. */
    private void check() {
        if (!connection.isOpen()) {
            return;
        }
        long left = timeoutNanos - (System.nanoTime() - lastActivity);
        if (left > 0) {
            checkIn(left);
            return;
        }
        expired = true;
        // the read listener runs first (the backend is told), then the connection closes: both are queued in order
        connection.getSourceChannel().wakeupReads();
        connection.getIoThread().execute(() -> IoUtils.safeClose(connection));
    }

    private long moved(long bytes) {
        if (bytes > 0) {
            lastActivity = System.nanoTime();
        }
        return bytes;
    }

    private final class Source extends ReadThroughSourceConduit {
        Source(StreamSourceConduit next) {
            super(next);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return expired ? -1 : (int) moved(super.read(dst));
        }

        @Override
        public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
            return expired ? -1 : moved(super.read(dsts, offs, len));
        }
    }

    private final class Sink extends WriteThroughSinkConduit {
        Sink(StreamSinkConduit next) {
            super(next);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return (int) moved(super.write(src));
        }

        @Override
        public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
            return moved(super.write(srcs, offs, len));
        }
    }
}
