package io.junction.server.engine;

import io.junction.server.engine.http1.BodyFraming;
import io.junction.server.engine.http1.ChunkedScanner;
import io.junction.server.engine.http1.Http1Limits;
import io.junction.server.engine.http1.ParseResult;

import java.nio.ByteBuffer;

/**
 * Where one message body ends in the bytes read so far, as they pass through without being copied:
 * {@link #judge} marks how many bytes at the buffer's position belong to the body, the caller writes
 * some of them on and reports it with {@link #passed}. Bytes after the body stay for the next message.
 */
final class BodyRelay {

    private final Http1Limits limits;
    private ChunkedScanner chunks;
    private BodyFraming framing = BodyFraming.NONE;
    private long unseen;
    private int judged;
    private boolean ended;
    private boolean failed;

    BodyRelay(Http1Limits limits) {
        this.limits = limits;
    }

    void start(BodyFraming framing, long contentLength) {
        this.framing = framing;
        this.unseen = contentLength;
        this.judged = 0;
        this.failed = false;
        this.ended = framing == BodyFraming.NONE || framing == BodyFraming.LENGTH && contentLength == 0;
        if (framing == BodyFraming.CHUNKED) {
            if (chunks == null) {
                chunks = new ChunkedScanner(limits);
            }
            chunks.reset();
        }
    }

    /**
     * Judges the bytes of {@code in} after those judged before.
     *
     * @return false when a chunked body breaks its syntax (see {@link #error()})
     */
    boolean judge(ByteBuffer in) {
        int unjudged = in == null ? 0 : in.remaining() - judged;
        if (unjudged <= 0 || ended) {
            return true;
        }
        switch (framing) {
            case LENGTH -> {
                int take = (int) Math.min(unseen, unjudged);
                judged += take;
                unseen -= take;
                ended = unseen == 0;
            }
            case UNTIL_CLOSE -> judged += unjudged;
            case CHUNKED -> {
                int position = in.position();
                in.position(position + judged);
                ParseResult result = chunks.scan(in);
                judged = in.position() - position;
                in.position(position);
                if (result == ParseResult.ERROR) {
                    failed = true;
                    return false;
                }
                ended = result == ParseResult.DONE;
            }
            case NONE -> { }
        }
        return true;
    }

    /** Bytes at the buffer's position that belong to the body and were not passed on yet. */
    int judged() {
        return judged;
    }

    void passed(int count) {
        judged -= count;
    }

    /** The end of the input ends a body that runs until the connection closes. */
    boolean endOfInput() {
        if (framing == BodyFraming.UNTIL_CLOSE) {
            ended = true;
        }
        return ended;
    }

    boolean untilClose() {
        return framing == BodyFraming.UNTIL_CLOSE;
    }

    /** The whole body went by and was passed on. */
    boolean complete() {
        return ended && judged == 0 && !failed;
    }

    String error() {
        return chunks == null ? "" : chunks.error();
    }
}
