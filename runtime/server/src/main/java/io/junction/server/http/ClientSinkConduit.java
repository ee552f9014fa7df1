package io.junction.server.http;

import io.junction.server.metrics.LimitCount;
import org.xnio.Buffers;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.conduits.StreamSinkConduit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;

/**
 * The client side of a plain Undertow connection, under everything Undertow writes: it closes the connection when the
 * client has taken no byte of what is waiting for it for the response write gap (counted; the proxy then drops the
 * backend connection as for any client that left), and counts the bytes written, so {@link StrictFramingConduit} can
 * tell whether a response started. Undertow's own {@code WRITE_TIMEOUT} would close it as well, uncounted.
 */
final class ClientSinkConduit extends WriteThroughSinkConduit {

    private final StreamConnection connection;
    private final long gapMillis;
    private final LimitCount count;
    private long written;
    /** When the client last took bytes (System.nanoTime). */
    private long progress;
    /** The last write took less than it was offered: the rest waits for the client to read. */
    private boolean waiting;
    private XnioExecutor.Key timer;
    private boolean gapPassed;

    ClientSinkConduit(StreamSinkConduit next, StreamConnection connection, long gapMillis, LimitCount count) {
        super(next);
        this.connection = connection;
        this.gapMillis = gapMillis;
        this.count = count;
    }

    /** Bytes written to the client so far. */
    long written() {
        return written;
    }

    StreamConnection connection() {
        return connection;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        refuseAfterGap();
        int offered = src.remaining();
        return (int) took(super.write(src), offered);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
        refuseAfterGap();
        long offered = Buffers.remaining(srcs, offs, len);
        return took(super.write(srcs, offs, len), offered);
    }

    private void refuseAfterGap() throws IOException {
        if (gapPassed) {
            throw new ClosedChannelException();
        }
    }

    private long took(long bytes, long offered) {
        if (bytes > 0) {
            written += bytes;
            progress = System.nanoTime();
        }
        if (bytes >= offered) {
            waiting = false;
        } else if (!waiting) {
            waiting = true;
            progress = System.nanoTime();
            if (timer == null) {
                timer = getWriteThread().executeAfter(this::check, gapMillis, TimeUnit.MILLISECONDS);
            }
        }
        return bytes;
    }

    private void check() {
        timer = null;
        if (!waiting || !connection.isOpen()) {
            return;
        }
        long waited = (System.nanoTime() - progress) / 1_000_000;
        if (waited < gapMillis) {
            timer = getWriteThread().executeAfter(this::check, gapMillis - waited, TimeUnit.MILLISECONDS);
            return;
        }
        count.responseWriteGap();
        gapPassed = true;
        // the writer waiting for the client (the proxy's response transfer) runs once more and fails, which makes it
        // let the backend connection go; then the connection closes, in case nobody was writing
        super.wakeupWrites();
        getWriteThread().execute(() -> IoUtils.safeClose(connection));
    }
}
