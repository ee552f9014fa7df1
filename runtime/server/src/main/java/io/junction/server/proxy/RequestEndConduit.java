package io.junction.server.proxy;

import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSourceConduit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Passes a request body through unchanged; runs {@code onEnd} once when it has been read to the end, and
 * {@code onBroken} when reading it fails (the client left or broke the body: no fault of the backend).
 */
final class RequestEndConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {

    private Runnable onEnd;
    private final Runnable onBroken;

    RequestEndConduit(StreamSourceConduit next, Runnable onEnd, Runnable onBroken) {
        super(next);
        this.onEnd = onEnd;
        this.onBroken = onBroken;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return (int) watched(() -> super.read(dst));
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        return watched(() -> super.read(dsts, offs, len));
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
        return watched(() -> super.transferTo(position, count, target));
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        return watched(() -> super.transferTo(count, throughBuffer, target));
    }

    /** One way of reading the body: bytes read or transferred, -1 at its end. */
    private interface Read {
        long read() throws IOException;
    }

    private long watched(Read read) throws IOException {
        long result;
        try {
            result = read.read();
        } catch (IOException e) {
            onBroken.run();
            throw e;
        }
        if (result == -1 && onEnd != null) {
            Runnable run = onEnd;
            onEnd = null;
            run.run();
        }
        return result;
    }
}
