package io.junction.server.engine.http1;

/**
 * The four forms of request target (RFC 9112 3.2), each allowed only where the RFC allows it:
 * origin-form ({@code /path?query}) and absolute-form ({@code http://host/path}) for any method,
 * asterisk-form for OPTIONS only, authority-form ({@code host:port}) for CONNECT, which takes no other.
 */
final class RequestTarget {

    enum Form { ORIGIN, ABSOLUTE, AUTHORITY, ASTERISK }

    private Form form;
    private int authorityStart;
    private int authorityEnd;

    void parse(byte[] b, int start, int end, RequestMethod method) {
        if (method == RequestMethod.CONNECT) {
            if (!Authority.isValid(b, start, end, true)) {
                throw Http1Violation.badRequest("CONNECT target must be host:port");
            }
            set(Form.AUTHORITY, start, end);
        } else if (end - start == 1 && b[start] == '*') {
            if (method != RequestMethod.OPTIONS) {
                throw Http1Violation.badRequest("target * is for OPTIONS only");
            }
            set(Form.ASTERISK, end, end);
        } else if (b[start] == '/') {
            requireUriBytes(b, start, end);
            set(Form.ORIGIN, start, start);
        } else {
            absoluteForm(b, start, end);
        }
    }

    private void absoluteForm(byte[] b, int start, int end) {
        int authority = schemeEnd(b, start, end);
        if (authority < 0) {
            throw Http1Violation.badRequest("target is neither /path nor http(s)://authority/path");
        }
        int pathStart = authority;
        while (pathStart < end && b[pathStart] != '/' && b[pathStart] != '?') {
            pathStart++;
        }
        if (!Authority.isValid(b, authority, pathStart, false)) {
            throw Http1Violation.badRequest("absolute-form target with an invalid authority");
        }
        requireUriBytes(b, pathStart, end);
        set(Form.ABSOLUTE, authority, pathStart);
    }

    /** Index after {@code http://} or {@code https://} (schemes are case-insensitive), or -1. */
    private static int schemeEnd(byte[] b, int start, int end) {
        int colon = Chars.indexOf(b, start, end, (byte) ':');
        boolean http = Chars.equalsIgnoreCase(b, start, colon, "http") || Chars.equalsIgnoreCase(b, start, colon, "https");
        return http && end - colon > 2 && b[colon + 1] == '/' && b[colon + 2] == '/' ? colon + 3 : -1;
    }

    private static void requireUriBytes(byte[] b, int start, int end) {
        if (!Chars.isTarget(b, start, end)) {
            throw Http1Violation.badRequest("target with a byte not allowed in a URI (or a bad %-escape)");
        }
    }

    private void set(Form form, int authorityStart, int authorityEnd) {
        this.form = form;
        this.authorityStart = authorityStart;
        this.authorityEnd = authorityEnd;
    }

    Form form() {
        return form;
    }

    /** Whether the target names an authority the Host field must agree with. */
    boolean hasAuthority() {
        return authorityEnd > authorityStart;
    }

    int authorityStart() {
        return authorityStart;
    }

    int authorityEnd() {
        return authorityEnd;
    }
}
