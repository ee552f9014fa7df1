package io.junction.server.engine.http1;

/** {@code DQUOTE *( qdtext / quoted-pair ) DQUOTE} of RFC 9110 5.6.4. */
final class QuotedString {

    private QuotedString() {
    }

    /** The index after the closing quote of the quoted-string that starts at {@code start}. */
    static int end(byte[] b, int start, int end) {
        for (int i = start + 1; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i++;
                if (i == end || !Chars.isFieldValue(b[i])) {
                    throw Http1Violation.badRequest("bad escape in quoted-string");
                }
            } else if (!Chars.isFieldValue(c)) {
                throw Http1Violation.badRequest("control byte in quoted-string");
            }
        }
        throw Http1Violation.badRequest("unterminated quoted-string");
    }
}
