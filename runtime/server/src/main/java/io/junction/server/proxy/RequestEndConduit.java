package io.junction.server.proxy;

import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSourceConduit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Passes a request body through unchanged and runs {@code onEnd} once when it has been read to the end. */
final class RequestEndConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {

    private Runnable onEnd;

    RequestEndConduit(StreamSourceConduit next, Runnable onEnd) {
        super(next);
        this.onEnd = onEnd;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int read = super.read(dst);
        ended(read);
        return read;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        long result = super.read(dsts, offs, len);
        ended(result);
        return result;
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
        long result = super.transferTo(position, count, target);
        ended(result);
        return result;
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        long result = super.transferTo(count, throughBuffer, target);
        ended(result);
        return result;
    }

    private void ended(long result) {
        if (result == -1 && onEnd != null) {
            Runnable run = onEnd;
            onEnd = null;
            run.run();
        }
    }
}
