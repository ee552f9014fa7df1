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
        try {
            int read = super.read(dst);
            ended(read);
            return read;
        } catch (IOException e) {
            onBroken.run();
            throw e;
        }
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        try {
            long result = super.read(dsts, offs, len);
            ended(result);
            return result;
        } catch (IOException e) {
            onBroken.run();
            throw e;
        }
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
        try {
            long result = super.transferTo(position, count, target);
            ended(result);
            return result;
        } catch (IOException e) {
            onBroken.run();
            throw e;
        }
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        try {
            long result = super.transferTo(count, throughBuffer, target);
            ended(result);
            return result;
        } catch (IOException e) {
            onBroken.run();
            throw e;
        }
    }

    private void ended(long result) {
        if (result == -1 && onEnd != null) {
            Runnable run = onEnd;
            onEnd = null;
            run.run();
        }
    }
}
