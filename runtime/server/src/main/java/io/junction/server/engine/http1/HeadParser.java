package io.junction.server.engine.http1;

import java.nio.ByteBuffer;

/**
 * What request and response heads share: feeding, line by line, the field-line rules, the framing
 * and Connection fields, the version token and how an error is kept. A subclass reads its start
 * line, the fields only it cares about, and decides framing and keep-alive once the head is complete.
 * Reused between messages; it keeps its arrays from one to the next (its owners are pooled per event loop, taken
 * only while a message is in), and allocates nothing after warm-up. An owner that lives as long as a connection
 * calls {@link #release} when a message ends, so an idle connection holds no array.
 */
public abstract sealed class HeadParser permits RequestHeadParser, ResponseHeadParser {

    final Http1Limits limits;
    final LineReader lines;
    final HeaderFields headers;
    final ConnectionOptions connection;
    final FramingFields framingFields;
    Http1Version version;
    BodyFraming framing;
    boolean keepAlive;
    private ParseResult state;
    /** The line being read, counted from 1: where an error is reported. */
    private int lineNumber;
    private int errorStatus;
    private String errorReason;
    /** Index of the start line's CR in {@link LineReader#bytes()}. */
    private int startLineEnd;

    HeadParser(Http1Limits limits) {
        this.limits = limits;
        this.lines = new LineReader(limits.maxHeadBytes());
        this.headers = new HeaderFields(lines, limits.maxHeaderCount());
        this.connection = new ConnectionOptions(lines);
        this.framingFields = new FramingFields(lines);
        clear();
    }

    /** Forgets the message and keeps its arrays for the next one: for an owner pooled per event loop. */
    public final void forget() {
        clear();
    }

    /** Forgets the message and gives its arrays back: a connection going idle holds none. */
    public final void release() {
        clear();
        lines.release();
        headers.release();
    }

    void clear() {
        lines.clear();
        headers.clear();
        connection.clear();
        framingFields.clear();
        version = null;
        framing = null;
        keepAlive = false;
        state = ParseResult.NEED_MORE;
        lineNumber = 1;
        errorStatus = 0;
        errorReason = null;
    }

    /**
     * Consumes bytes of {@code in} up to the end of the head, never further: what follows (body,
     * next message) stays in the buffer. Once DONE or ERROR, returns that again until reset.
     */
    public final ParseResult parse(ByteBuffer in) {
        if (state != ParseResult.NEED_MORE) {
            return state;
        }
        try {
            while (lines.read(in, lineNumber == 1 ? limits.maxRequestLine() : limits.maxHeadBytes(), lineNumber == 1 ? 414 : 431)) {
                int start = lines.lineStart();
                int end = lines.lineEnd();
                if (lineNumber == 1) {
                    startLineEnd = end;
                    startLine(lines.bytes(), start, end);
                } else if (start == end) {
                    framingFields.check(version);
                    complete();
                    return state = ParseResult.DONE;
                } else {
                    field(headers.add(start, end));
                }
                lineNumber++;
            }
            return ParseResult.NEED_MORE;
        } catch (Http1Violation violation) {
            errorStatus = violation.status();
            errorReason = violation.getMessage();
            keepAlive = false;
            return state = ParseResult.ERROR;
        }
    }

    private void field(int index) {
        if (framingFields.accept(headers, index)) {
            return;
        }
        if (headers.nameIs(index, "connection")) {
            connection.add(headers.valueStart(index), headers.valueEnd(index));
        } else {
            otherField(index);
        }
    }

    abstract void startLine(byte[] b, int start, int end);

    /** A field that is neither framing nor Connection. */
    abstract void otherField(int index);

    /** The head is complete and framing fields agree: set {@link #framing} and {@link #keepAlive}. */
    abstract void complete();

    /** {@code HTTP/1.1} or {@code HTTP/1.0}; another well-formed version is 505, anything else 400. */
    static Http1Version version(byte[] b, int start, int end) {
        if (Chars.equals(b, start, end, "HTTP/1.1")) {
            return Http1Version.HTTP_1_1;
        }
        if (Chars.equals(b, start, end, "HTTP/1.0")) {
            return Http1Version.HTTP_1_0;
        }
        if (end - start == 8 && Chars.equals(b, start, start + 5, "HTTP/") && isDigit(b[start + 5])
                && b[start + 6] == '.' && isDigit(b[start + 7])) {
            throw new Http1Violation(505, "HTTP version not supported");
        }
        throw Http1Violation.badRequest("malformed HTTP version");
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The head's bytes as received; valid after DONE until the next reset. */
    byte[] bytes() {
        return lines.bytes();
    }

    int startLineEnd() {
        return startLineEnd;
    }

    public Http1Version version() {
        return version;
    }

    public HeaderFields headers() {
        return headers;
    }

    /** Connection options, including the names of fields a forwarder must strip. */
    public ConnectionOptions connection() {
        return connection;
    }

    public BodyFraming framing() {
        return framing;
    }

    /** The body length when framing is {@link BodyFraming#LENGTH}, else -1. */
    public long contentLength() {
        return framing == BodyFraming.LENGTH ? framingFields.contentLength() : -1;
    }

    /** Whether the connection may carry another message after this one; false after an error. */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** After ERROR: the status to answer with (400, 414, 431, 501, 505). */
    public int errorStatus() {
        return errorStatus;
    }

    /** After ERROR: what broke, without where (for a head that was not received as parsed). */
    public String violation() {
        return errorReason;
    }

    /** After ERROR: one line saying what broke where, e.g. {@code line 3: more than one Content-Length}. */
    public String error() {
        return errorReason == null ? null : "line " + lineNumber + ": " + errorReason;
    }
}
