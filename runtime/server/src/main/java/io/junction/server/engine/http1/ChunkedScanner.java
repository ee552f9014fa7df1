package io.junction.server.engine.http1;

import java.nio.ByteBuffer;

import static io.junction.server.engine.http1.Chars.CR;
import static io.junction.server.engine.http1.Chars.LF;

/**
 * Finds where a chunked body ends (RFC 9112 7.1) while its bytes pass through: chunk data is
 * skipped, never copied; only size lines and trailers are read into a small array to be checked.
 * Strict: hex sizes without sign that fit a long, well-formed extensions, CRLF exactly after each
 * size line and each chunk's data, trailers under the same field rules as a head. For requests and
 * responses alike; for a response the engine answers the client 502 on ERROR.
 */
public final class ChunkedScanner {

    private enum State { SIZE_LINE, DATA, DATA_CR, DATA_LF, TRAILERS, DONE, ERROR }

    private final Http1Limits limits;
    private final LineReader lines;
    private final HeaderFields trailers;
    private State state;
    private long remaining;
    private long chunks;
    private int errorStatus;
    private String errorReason;

    public ChunkedScanner(Http1Limits limits) {
        this.limits = limits;
        this.lines = new LineReader(limits.maxHeadBytes());
        this.trailers = new HeaderFields(lines, limits.maxHeaderCount());
        reset();
    }

    /** Forgets the last body and gives its arrays back; call before scanning the next one. */
    public void reset() {
        lines.release();
        trailers.release();
        state = State.SIZE_LINE;
        remaining = 0;
        chunks = 0;
        errorStatus = 0;
        errorReason = null;
    }

    /**
     * Advances {@code in}'s position over the bytes that belong to this body, and no further: the
     * bytes between the old and the new position are the ones to forward. DONE once the last chunk,
     * the trailers and the final CRLF went by; what follows stays in the buffer.
     */
    public ParseResult scan(ByteBuffer in) {
        return advance(in, false);
    }

    /**
     * Like {@link #scan} but stops where chunk data begins, for an engine that passes the data on without its framing:
     * {@link #dataLeft} bytes of data then follow, reported with {@link #skipData} as they are passed on.
     */
    public ParseResult scanFraming(ByteBuffer in) {
        return advance(in, true);
    }

    private ParseResult advance(ByteBuffer in, boolean stopAtData) {
        try {
            while (in.hasRemaining() && state != State.DONE && state != State.ERROR && !(stopAtData && state == State.DATA)) {
                step(in);
            }
        } catch (Http1Violation violation) {
            errorStatus = violation.status();
            errorReason = violation.getMessage();
            state = State.ERROR;
        }
        return switch (state) {
            case DONE -> ParseResult.DONE;
            case ERROR -> ParseResult.ERROR;
            default -> ParseResult.NEED_MORE;
        };
    }

    /** Bytes of chunk data that follow the scanned framing, 0 outside a chunk's data. */
    public long dataLeft() {
        return state == State.DATA ? remaining : 0;
    }

    /** {@code count} bytes of the current chunk's data went by (at most {@link #dataLeft}). */
    public void skipData(int count) {
        remaining -= count;
        if (remaining == 0) {
            state = State.DATA_CR;
        }
    }

    private void step(ByteBuffer in) {
        switch (state) {
            case SIZE_LINE -> {
                if (lines.read(in, limits.maxRequestLine(), 400)) {
                    sizeLine(lines.bytes(), lines.lineStart(), lines.lineEnd());
                }
            }
            case DATA -> {
                int skipped = (int) Math.min(remaining, in.remaining());
                in.position(in.position() + skipped);
                skipData(skipped);
            }
            case DATA_CR -> afterData(in.get(), CR, State.DATA_LF);
            case DATA_LF -> afterData(in.get(), LF, State.SIZE_LINE);
            case TRAILERS -> {
                if (lines.read(in, limits.maxHeadBytes(), 431)) {
                    if (lines.lineIsEmpty()) {
                        state = State.DONE;
                    } else {
                        trailers.add(lines.lineStart(), lines.lineEnd());
                    }
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void sizeLine(byte[] b, int start, int end) {
        long size = 0;
        int i = start;
        for (int digit; i < end && (digit = Chars.hex(b[i])) >= 0; i++) {
            if (size > Long.MAX_VALUE >>> 4) {
                throw Http1Violation.badRequest("chunk size too large");
            }
            size = size << 4 | digit;
        }
        if (i == start) {
            throw Http1Violation.badRequest("chunk size is not hexadecimal");
        }
        extensions(b, i, end);
        chunks++;
        // trailers get the array to themselves, so the head limit counts them alone
        lines.clear();
        remaining = size;
        state = size == 0 ? State.TRAILERS : State.DATA;
    }

    /** {@code *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] )} */
    private static void extensions(byte[] b, int start, int end) {
        int i = start;
        while (i < end) {
            i = Chars.skipOws(b, i, end);
            if (i == end || b[i] != ';') {
                throw Http1Violation.badRequest("chunk size followed by something other than an extension");
            }
            int nameStart = Chars.skipOws(b, i + 1, end);
            i = Chars.tokenEnd(b, nameStart, end);
            if (i == nameStart) {
                throw Http1Violation.badRequest("chunk extension without a name");
            }
            int equals = Chars.skipOws(b, i, end);
            if (equals < end && b[equals] == '=') {
                i = extensionValueEnd(b, Chars.skipOws(b, equals + 1, end), end);
            }
        }
    }

    private static int extensionValueEnd(byte[] b, int start, int end) {
        if (start < end && b[start] == '"') {
            return QuotedString.end(b, start, end);
        }
        int valueEnd = Chars.tokenEnd(b, start, end);
        if (valueEnd == start) {
            throw Http1Violation.badRequest("chunk extension value is neither token nor quoted-string");
        }
        return valueEnd;
    }

    private void afterData(byte b, byte expected, State next) {
        if (b != expected) {
            throw Http1Violation.badRequest("chunk data not followed by CRLF");
        }
        state = next;
    }

    /** The trailer fields, after DONE. */
    public HeaderFields trailers() {
        return trailers;
    }

    /** After ERROR: 400 (bad syntax) or 431 (trailers too large); a response gets 502 from the engine. */
    public int errorStatus() {
        return errorStatus;
    }

    /** After ERROR: one line saying what broke in which chunk. */
    public String error() {
        return errorReason == null ? null : "chunk " + (chunks + 1) + ": " + errorReason;
    }
}
