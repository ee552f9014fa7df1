package io.junction.server.http;

import io.junction.server.engine.Responses;
import io.junction.server.engine.http1.BodyFraming;
import io.junction.server.engine.http1.ChunkedScanner;
import io.junction.server.engine.http1.Http1Limits;
import io.junction.server.engine.http1.ParseResult;
import io.junction.server.engine.http1.RequestHeadParser;
import io.junction.server.engine.http1.RequestMethod;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Holds the bytes of an HTTP/1 connection (plain, or decrypted on https) to the own engine's parsers before Undertow reads them,
 * for what Undertow cannot be made to refuse once it has parsed: an unknown version (its parser turns any
 * {@code HTTP/d.d} into HTTP/1.1) and a malformed chunked body (its decoder is lenient). Such a read is
 * answered 505 or 400 on the socket below Undertow, output is shut and Undertow reads the end of input, so
 * nothing of it reaches a backend. Every other head error is left to Undertow and {@link StrictRequestHandler},
 * which answer it with the same status; the connection then closes, so the conduit stops looking.
 */
final class StrictFramingConduit extends ReadThroughSourceConduit {

    /** Where the connection's bytes are: a head, a body of known length, a chunked body, or past looking. */
    private enum Part { HEAD, LENGTH, CHUNKED, UNCHECKED }

    private final StreamSinkConduit socket;
    private final RequestHeadParser head;
    private final ChunkedScanner chunks;
    private Part part = Part.HEAD;
    private long lengthLeft;
    private boolean refused;

    /** @param socket the connection's own sink, below every conduit Undertow stacks on it */
    StrictFramingConduit(StreamSourceConduit next, StreamSinkConduit socket, Http1Limits limits) {
        super(next);
        this.socket = socket;
        this.head = new RequestHeadParser(limits);
        this.chunks = new ChunkedScanner(limits);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (refused) {
            return -1;
        }
        int start = dst.position();
        int read = super.read(dst);
        if (read > 0 && !acceptable(dst.duplicate().limit(dst.position()).position(start))) {
            dst.position(start);
            return -1;
        }
        return read;
    }

    /** Undertow reads into one buffer at a time; the first with room gets the bytes. */
    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        for (int i = offs; i < offs + len; i++) {
            if (dsts[i].hasRemaining()) {
                return read(dsts[i]);
            }
        }
        return 0;
    }

    /**
     * Follows bytes read before this conduit was in place (on https, what ALPN read past the handshake), leaving
     * {@code alreadyRead} as it is; false once they hold a refused message (answered).
     */
    boolean admit(ByteBuffer alreadyRead) throws IOException {
        return acceptable(alreadyRead.duplicate());
    }

    @Override
    public void terminateReads() throws IOException {
        head.release();
        super.terminateReads();
    }

    /** Follows the messages in {@code bytes}; false once one is refused (and answered). */
    private boolean acceptable(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            switch (part) {
                case HEAD -> {
                    ParseResult result = head.parse(bytes);
                    if (result == ParseResult.ERROR) {
                        return head.errorStatus() != 505 ? unchecked() : refuse(505, head.error());
                    }
                    if (result == ParseResult.DONE) {
                        headDone();
                    }
                }
                case LENGTH -> {
                    int skipped = (int) Math.min(lengthLeft, bytes.remaining());
                    bytes.position(bytes.position() + skipped);
                    lengthLeft -= skipped;
                    part = lengthLeft == 0 ? Part.HEAD : Part.LENGTH;
                }
                case CHUNKED -> {
                    ParseResult result = chunks.scan(bytes);
                    if (result == ParseResult.ERROR) {
                        return refuse(chunks.errorStatus(), chunks.error());
                    }
                    part = result == ParseResult.DONE ? Part.HEAD : Part.CHUNKED;
                }
                case UNCHECKED -> {
                    return true;
                }
            }
        }
        return true;
    }

    private void headDone() {
        if (head.upgrade() || head.method() == RequestMethod.CONNECT) {
            // what follows a 101 or a tunnel is not HTTP/1; whether one is granted is not known here
            part = Part.UNCHECKED;
        } else if (head.framing() == BodyFraming.CHUNKED) {
            chunks.reset();
            part = Part.CHUNKED;
        } else {
            lengthLeft = head.framing() == BodyFraming.LENGTH ? head.contentLength() : 0;
            part = lengthLeft > 0 ? Part.LENGTH : Part.HEAD;
        }
        head.reset();
    }

    /** Undertow's parser refuses this head and StrictRequestHandler answers it; the connection then closes. */
    private boolean unchecked() {
        head.release();
        part = Part.UNCHECKED;
        return true;
    }

    private boolean refuse(int status, String reason) throws IOException {
        byte[] body = (Responses.reason(status).toLowerCase() + ": " + reason + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer answer = ByteBuffer.allocate(256 + body.length);
        Responses.text(answer, status, body, Responses.CLOSE, false);
        // a fresh connection's socket buffer takes a short answer whole; what does not fit is dropped with it
        socket.write(answer.flip());
        socket.terminateWrites();
        socket.flush();
        head.release();
        refused = true;
        return false;
    }
}
