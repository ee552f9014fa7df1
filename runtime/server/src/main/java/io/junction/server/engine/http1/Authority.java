package io.junction.server.engine.http1;

/**
 * The authority rule of Host fields and of absolute-form and authority-form targets: RFC 3986
 * {@code host [":" port]} without userinfo (RFC 9110 4.2.4 forbids it in http URIs), a non-empty
 * host and, when present, a port of 1 to 5 digits up to 65535.
 */
final class Authority {

    private Authority() {
    }

    static boolean isValid(byte[] b, int start, int end, boolean portRequired) {
        int hostEnd = start < end && b[start] == '[' ? ipLiteralEnd(b, start, end) : regNameEnd(b, start, end);
        if (hostEnd < 0) {
            return false;
        }
        if (hostEnd == end) {
            return !portRequired;
        }
        return b[hostEnd] == ':' && isPort(b, hostEnd + 1, end);
    }

    /** Index of the colon before the port of a valid authority, or {@code end} when it has none. */
    static int portColon(byte[] b, int start, int end) {
        int hostEnd = start < end && b[start] == '[' ? Chars.indexOf(b, start, end, (byte) ']') + 1 : Chars.indexOf(b, start, end, (byte) ':');
        return Math.min(hostEnd, end);
    }

    /** End of {@code [hex:colons.dots]}, or -1. */
    private static int ipLiteralEnd(byte[] b, int start, int end) {
        int close = Chars.indexOf(b, start, end, (byte) ']');
        if (close == end || close == start + 1) {
            return -1;
        }
        for (int i = start + 1; i < close; i++) {
            if (Chars.hex(b[i]) < 0 && b[i] != ':' && b[i] != '.') {
                return -1;
            }
        }
        return close + 1;
    }

    private static int regNameEnd(byte[] b, int start, int end) {
        int colon = Chars.indexOf(b, start, end, (byte) ':');
        return colon > start && Chars.isRegName(b, start, colon) ? colon : -1;
    }

    private static boolean isPort(byte[] b, int start, int end) {
        if (start == end || end - start > 5) {
            return false;
        }
        int port = 0;
        for (int i = start; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
            port = port * 10 + b[i] - '0';
        }
        return port <= 65535;
    }
}
