package io.junction.server.http;

import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;

import java.io.IOException;

/**
 * Tells when a connection's writes end for good: the last response is sent (a {@code Connection: close} one, or a
 * drain's), and all that is left is Undertow waiting up to {@code io.undertow.max-drain-time} (10 s) for the client
 * to close its end.
 */
final class WritesEndedSinkConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {

    private final Runnable ended;

    WritesEndedSinkConduit(StreamSinkConduit next, Runnable ended) {
        super(next);
        this.ended = ended;
    }

    @Override
    public void terminateWrites() throws IOException {
        try {
            next.terminateWrites();
        } finally {
            ended.run();
        }
    }
}
