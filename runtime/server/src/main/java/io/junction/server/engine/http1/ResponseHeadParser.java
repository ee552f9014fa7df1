package io.junction.server.engine.http1;

/**
 * Parses a backend's response head strictly and decides its framing from the status and the
 * request method (RFC 9112 6.3). Any error means the response is malformed: the engine answers the
 * client 502 and discards the backend connection, so {@link #errorStatus()} is always 502.
 * Accessors are valid after DONE.
 */
public final class ResponseHeadParser extends HeadParser {

    private RequestMethod requestMethod;
    private int status;

    public ResponseHeadParser(Http1Limits limits) {
        super(limits);
    }

    /** Forgets the last response; the next one answers a request with {@code requestMethod}. */
    public void reset(RequestMethod requestMethod) {
        clear();
        this.requestMethod = requestMethod;
    }

    @Override
    void clear() {
        super.clear();
        status = 0;
    }

    /**
     * {@code HTTP-version SP 3DIGIT SP reason}; the reason may be empty, and a missing SP before an
     * empty reason is tolerated because it cannot change framing and many servers omit it.
     */
    @Override
    void startLine(byte[] b, int start, int end) {
        int codeStart = start + "HTTP/1.1 ".length();
        int codeEnd = codeStart + 3;
        if (end < codeEnd || b[codeStart - 1] != ' ' || (codeEnd < end && b[codeEnd] != ' ')) {
            throw Http1Violation.badRequest("status line is not version SP code SP reason");
        }
        version = version(b, start, codeStart - 1);
        int code = 0;
        for (int i = codeStart; i < codeEnd; i++) {
            if (!isDigit(b[i])) {
                throw Http1Violation.badRequest("status code is not three digits");
            }
            code = code * 10 + b[i] - '0';
        }
        if (code < 100 || code > 599) {
            throw Http1Violation.badRequest("status code outside 100-599");
        }
        for (int i = codeEnd; i < end; i++) {
            if (!Chars.isFieldValue(b[i])) {
                throw Http1Violation.badRequest("control byte in reason phrase");
            }
        }
        status = code;
    }

    @Override
    void otherField(int index) {
        // only framing and Connection decide anything about a response
    }

    @Override
    void complete() {
        if (requestMethod == null) {
            throw new IllegalStateException("reset(requestMethod) before parsing a response");
        }
        if (status < 200 || status == 204 || status == 304 || requestMethod == RequestMethod.HEAD || tunnel()) {
            framing = BodyFraming.NONE;
        } else if (framingFields.chunked()) {
            framing = BodyFraming.CHUNKED;
        } else {
            framing = framingFields.hasContentLength() ? BodyFraming.LENGTH : BodyFraming.UNTIL_CLOSE;
        }
        keepAlive = framing != BodyFraming.UNTIL_CLOSE && status != 101 && !tunnel() && !connection.close()
                && (version == Http1Version.HTTP_1_1 || connection.keepAlive());
    }

    @Override
    public int errorStatus() {
        return super.errorStatus() == 0 ? 0 : 502;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** A 1xx other than 101: another head follows on the same connection ({@code reset} and parse again). */
    public boolean interim() {
        return status >= 100 && status < 200 && status != 101;
    }

    /** 101, or 2xx to CONNECT: from here on the connection carries opaque bytes both ways. */
    public boolean tunnel() {
        return status == 101 || requestMethod == RequestMethod.CONNECT && status >= 200 && status < 300;
    }
}
