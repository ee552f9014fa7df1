package io.junction.server.engine.http1;

import java.nio.charset.StandardCharsets;

/**
 * Parses a request head strictly (RFC 9112 2-7, RFC 9110 7.2): request line, fields, Host, framing,
 * keep-alive, {@code Expect: 100-continue} and Upgrade. An error carries the status to answer with
 * (400, 414, 431, 501, 505); the connection is then closed. Accessors are valid after DONE.
 */
public final class RequestHeadParser extends HeadParser {

    private final RequestTarget target = new RequestTarget();
    private RequestMethod method;
    private int methodEnd;
    private int targetStart;
    private int targetEnd;
    private int host;
    private boolean expectContinue;
    private boolean upgradeField;

    public RequestHeadParser(Http1Limits limits) {
        super(limits);
    }

    /** Forgets the last request; call before parsing the next one on the same connection. */
    public void reset() {
        clear();
    }

    @Override
    void clear() {
        super.clear();
        method = null;
        host = -1;
        expectContinue = false;
        upgradeField = false;
    }

    @Override
    void startLine(byte[] b, int start, int end) {
        int firstSpace = Chars.indexOf(b, start, end, (byte) ' ');
        int secondSpace = Chars.indexOf(b, firstSpace + 1, end, (byte) ' ');
        if (secondSpace >= end) {
            throw Http1Violation.badRequest("request line is not method SP target SP version (HTTP/0.9 is not supported)");
        }
        if (!Chars.isToken(b, start, firstSpace)) {
            throw Http1Violation.badRequest("method is not a token");
        }
        if (secondSpace == firstSpace + 1 || Chars.indexOf(b, secondSpace + 1, end, (byte) ' ') < end) {
            throw Http1Violation.badRequest("request line with extra spaces");
        }
        version = version(b, secondSpace + 1, end);
        method = RequestMethod.of(b, start, firstSpace);
        methodEnd = firstSpace;
        targetStart = firstSpace + 1;
        targetEnd = secondSpace;
        target.parse(b, targetStart, targetEnd, method);
    }

    @Override
    void otherField(int index) {
        // servers that map '_' to '-' (CGI, some frameworks) would read Content_Length as a second length
        if (Chars.indexOf(lines.bytes(), headers.nameStart(index), headers.nameEnd(index), (byte) '_') < headers.nameEnd(index)) {
            throw Http1Violation.badRequest("underscore in a field name");
        }
        if (headers.nameIs(index, "host")) {
            if (host >= 0) {
                throw Http1Violation.badRequest("more than one Host");
            }
            if (!Authority.isValid(lines.bytes(), headers.valueStart(index), headers.valueEnd(index), false)) {
                throw Http1Violation.badRequest("Host is not a valid host[:port]");
            }
            host = index;
        } else if (headers.nameIs(index, "expect")) {
            expectContinue |= headers.valueIs(index, "100-continue");
        } else if (headers.nameIs(index, "upgrade")) {
            upgradeField = true;
        }
    }

    @Override
    void complete() {
        boolean http11 = version == Http1Version.HTTP_1_1;
        if (http11 && host < 0) {
            throw Http1Violation.badRequest("HTTP/1.1 request without Host");
        }
        if (host >= 0 && target.hasAuthority() && !Chars.equalsIgnoreCase(lines.bytes(),
                headers.valueStart(host), headers.valueEnd(host), target.authorityStart(), target.authorityEnd())) {
            throw Http1Violation.badRequest("Host differs from the authority of the request target");
        }
        if (framingFields.chunked()) {
            framing = BodyFraming.CHUNKED;
        } else {
            framing = framingFields.hasContentLength() ? BodyFraming.LENGTH : BodyFraming.NONE;
        }
        keepAlive = !connection.close() && (http11 || connection.keepAlive());
        // HTTP/1.0 has neither 100-continue nor Upgrade (RFC 9110 10.1.1, 7.8)
        expectContinue &= http11;
        upgradeField &= http11 && connection.upgrade();
    }

    /** The method, recognised without a String; {@link RequestMethod#OTHER} for extension methods. */
    public RequestMethod method() {
        return method;
    }

    /** The method token as sent, created on demand. */
    public String methodName() {
        return string(0, methodEnd);
    }

    /** The request target as sent (path and query, absolute URI, authority or *), created on demand. */
    public String target() {
        return string(targetStart, targetEnd);
    }

    int targetStart() {
        return targetStart;
    }

    int targetEnd() {
        return targetEnd;
    }

    public boolean isAbsoluteForm() {
        return target.form() == RequestTarget.Form.ABSOLUTE;
    }

    /** Index of the Host field in {@link #headers()}, or -1 (HTTP/1.0 only). */
    public int hostField() {
        return host;
    }

    /** {@code Expect: 100-continue} on an HTTP/1.1 request: answer 100 before reading the body. */
    public boolean expectContinue() {
        return expectContinue;
    }

    /** An HTTP/1.1 request with an Upgrade field that Connection names as {@code upgrade}. */
    public boolean upgrade() {
        return upgradeField;
    }

    private String string(int start, int end) {
        return new String(lines.bytes(), start, end - start, StandardCharsets.ISO_8859_1);
    }
}
