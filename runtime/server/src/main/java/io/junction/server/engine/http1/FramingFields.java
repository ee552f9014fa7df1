package io.junction.server.engine.http1;

/**
 * Content-Length and Transfer-Encoding of one head, held to the rules that keep a proxy and the
 * server behind it reading the same message boundaries (RFC 9112 6.1-6.3): one Content-Length of
 * decimal digits that fits a long, one Transfer-Encoding that is exactly {@code chunked}, never both,
 * never Transfer-Encoding in HTTP/1.0.
 */
final class FramingFields {

    private final LineReader lines;
    private long contentLength;
    private boolean hasContentLength;
    private boolean chunked;

    FramingFields(LineReader lines) {
        this.lines = lines;
    }

    void clear() {
        contentLength = -1;
        hasContentLength = false;
        chunked = false;
    }

    /** Takes field {@code index} if it is a framing field; returns whether it was. */
    boolean accept(HeaderFields fields, int index) {
        if (fields.nameIs(index, "content-length")) {
            contentLength(fields.valueStart(index), fields.valueEnd(index));
            return true;
        }
        if (fields.nameIs(index, "transfer-encoding")) {
            transferEncoding(fields.valueStart(index), fields.valueEnd(index));
            return true;
        }
        return false;
    }

    private void contentLength(int start, int end) {
        if (hasContentLength) {
            throw Http1Violation.badRequest("more than one Content-Length");
        }
        byte[] b = lines.bytes();
        if (start == end) {
            throw Http1Violation.badRequest("empty Content-Length");
        }
        long length = 0;
        for (int i = start; i < end; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                throw Http1Violation.badRequest("Content-Length is not a decimal number");
            }
            if (length > (Long.MAX_VALUE - digit) / 10) {
                throw Http1Violation.badRequest("Content-Length too large");
            }
            length = length * 10 + digit;
        }
        contentLength = length;
        hasContentLength = true;
    }

    private void transferEncoding(int start, int end) {
        if (chunked) {
            throw Http1Violation.badRequest("more than one Transfer-Encoding");
        }
        byte[] b = lines.bytes();
        if (Chars.equalsIgnoreCase(b, start, end, "chunked")) {
            chunked = true;
        } else if (Chars.isToken(b, start, end)) {
            throw new Http1Violation(501, "transfer coding other than chunked");
        } else {
            throw Http1Violation.badRequest("Transfer-Encoding must be exactly chunked");
        }
    }

    /** The rules that need the whole head. */
    void check(Http1Version version) {
        if (chunked && hasContentLength) {
            throw Http1Violation.badRequest("both Content-Length and Transfer-Encoding");
        }
        if (chunked && version == Http1Version.HTTP_1_0) {
            throw Http1Violation.badRequest("Transfer-Encoding in HTTP/1.0");
        }
    }

    boolean chunked() {
        return chunked;
    }

    boolean hasContentLength() {
        return hasContentLength;
    }

    long contentLength() {
        return contentLength;
    }
}
