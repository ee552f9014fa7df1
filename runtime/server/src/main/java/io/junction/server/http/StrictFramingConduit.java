package io.junction.server.http;

import io.junction.server.engine.Responses;
import io.junction.server.engine.http1.BodyFraming;
import io.junction.server.engine.http1.ChunkedScanner;
import io.junction.server.engine.http1.Http1Limits;
import io.junction.server.engine.http1.ParseResult;
import io.junction.server.engine.http1.RequestHeadParser;
import io.junction.server.engine.http1.RequestMethod;
import io.junction.server.metrics.LimitCount;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Holds the bytes of an HTTP/1 connection (plain, or decrypted on https) to the own engine's parsers before Undertow reads them,
 * for what Undertow cannot be made to refuse once it has parsed: an unknown version (its parser turns any
 * {@code HTTP/d.d} into HTTP/1.1) and a malformed chunked body (its decoder is lenient). Such a read is
 * answered 505 or 400 on the socket below Undertow, output is shut and Undertow reads the end of input, so
 * nothing of it reaches a backend. Every other head error is left to Undertow and {@link StrictRequestHandler},
 * which answer it with the same status; the connection then closes, so the conduit stops looking.
 * It also holds a request body to the body read gap: a client that pauses its body longer (while Undertow waits to
 * read it) gets 408 the same way, or, once a response started, only the close.
 */
final class StrictFramingConduit extends ReadThroughSourceConduit {

    /** Where the connection's bytes are: a head, a body of known length, a chunked body, or past looking. */
    private enum Part { HEAD, LENGTH, CHUNKED, UNCHECKED }

    private final StreamSinkConduit socket;
    private final ClientSinkConduit client;
    private final Http1Limits limits;
    private final RequestHeadParser head;
    private final ChunkedScanner chunks;
    private final long bodyReadGapMillis;
    private final LimitCount count;
    /** On an h2c listener, until the first head is parsed; null otherwise. */
    private H2cPreface preface;
    private Part part = Part.HEAD;
    private long lengthLeft;
    /** Heads the parser accepted that StrictRequestHandler has not met yet (pipelined ones wait their turn). */
    private int acceptedHeads;
    private boolean refused;
    /** When the body last brought bytes (System.nanoTime), and the bytes written to the client when its head ended. */
    private long bodyProgress;
    private long writtenAtHead;
    private XnioExecutor.Key bodyTimer;

    /**
     * @param socket the connection's own sink, below every conduit Undertow stacks on it
     * @param client the sink Undertow writes through, which counts what the client was sent
     * @param h2c whether the listener takes HTTP/2 with prior knowledge, which Undertow serves unchecked
     */
    StrictFramingConduit(StreamSourceConduit next, StreamSinkConduit socket, ClientSinkConduit client, Http1Limits limits,
                         long bodyReadGapMillis, LimitCount count, boolean h2c) {
        super(next);
        this.preface = h2c ? new H2cPreface() : null;
        this.socket = socket;
        this.client = client;
        this.limits = limits;
        this.head = new RequestHeadParser(limits);
        this.chunks = new ChunkedScanner(limits);
        this.bodyReadGapMillis = bodyReadGapMillis;
        this.count = count;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (refused) {
            return -1;
        }
        int start = dst.position();
        int read = super.read(dst);
        if (read > 0 && inBody()) {
            bodyProgress = System.nanoTime();
        }
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

    /**
     * True when the request Undertow hands on next is one whose bytes this conduit's parser accepted under
     * {@code current} limits, so that StrictRequestHandler need not parse it again; each accepted head is taken once,
     * in order. False after a head it did not accept (or stopped following), or when a reload changed the limits.
     */
    boolean takeAcceptedHead(Http1Limits current) {
        if (acceptedHeads == 0 || !limits.equals(current)) {
            return false;
        }
        acceptedHeads--;
        return true;
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
                    if (preface != null) {
                        preface.follow(bytes);
                    }
                    ParseResult result = head.parse(bytes);
                    if (result == ParseResult.ERROR) {
                        boolean http2 = preface != null && preface.seen();
                        return head.errorStatus() != 505 || http2 ? unchecked() : refuse(505, head.error());
                    }
                    if (result == ParseResult.DONE) {
                        preface = null;
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
        acceptedHeads++;
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
        if (inBody()) {
            bodyProgress = System.nanoTime();
            writtenAtHead = client.written();
            if (bodyTimer == null) {
                bodyTimer = getReadThread().executeAfter(this::bodyGapCheck, bodyReadGapMillis, TimeUnit.MILLISECONDS);
            }
        }
    }

    private boolean inBody() {
        return part == Part.LENGTH || part == Part.CHUNKED;
    }

    /**
     * A body that brought no byte for the gap while Undertow waited to read it: 408 (or only the close, once a
     * response started). A pause while Undertow does not read (the backend is slow to take the body) is not the
     * client's, so the gap counts from when Undertow wants bytes again.
     */
    private void bodyGapCheck() {
        bodyTimer = null;
        if (!inBody() || refused || !client.connection().isOpen()) {
            return;
        }
        if (!isReadResumed()) {
            bodyProgress = System.nanoTime();
        }
        long waited = (System.nanoTime() - bodyProgress) / 1_000_000;
        if (waited < bodyReadGapMillis) {
            bodyTimer = getReadThread().executeAfter(this::bodyGapCheck, bodyReadGapMillis - waited, TimeUnit.MILLISECONDS);
            return;
        }
        count.bodyReadGap();
        try {
            if (client.written() == writtenAtHead) {
                refuse(408, "no byte of the request body for " + bodyReadGapMillis + " ms");
            } else {
                // a response started: all that is left is to end the connection, which Undertow does on the end of input
                refused = true;
            }
        } catch (IOException e) {
            IoUtils.safeClose(client.connection());
        }
        // Undertow reads the end of input: the request body broke off, as when a client leaves
        wakeupReads();
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
