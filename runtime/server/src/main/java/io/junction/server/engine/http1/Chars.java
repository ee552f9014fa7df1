package io.junction.server.engine.http1;

/** Byte classes of RFC 9110/9112 and comparisons on byte ranges that create no Strings. */
final class Chars {

    static final byte CR = '\r';
    static final byte LF = '\n';

    private static final boolean[] TOKEN = new boolean[256];
    private static final boolean[] FIELD_VALUE = new boolean[256];
    private static final boolean[] TARGET = new boolean[256];
    private static final boolean[] REG_NAME = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            TOKEN[c] = alnum || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            FIELD_VALUE[c] = c >= 0x21 && c != 0x7f || c == ' ' || c == '\t';
            // unreserved and sub-delims (RFC 3986); '%' is checked with the two hex digits after it
            REG_NAME[c] = alnum || "-._~!$&'()*+,;=".indexOf(c) >= 0;
            TARGET[c] = REG_NAME[c] || ":@/?".indexOf(c) >= 0;
        }
    }

    private Chars() {
    }

    static boolean isToken(byte b) {
        return TOKEN[b & 0xff];
    }

    static boolean isFieldValue(byte b) {
        return FIELD_VALUE[b & 0xff];
    }

    static boolean isOws(byte b) {
        return b == ' ' || b == '\t';
    }

    /** A non-empty run of token characters. */
    static boolean isToken(byte[] bytes, int start, int end) {
        return start < end && tokenEnd(bytes, start, end) == end;
    }

    static int tokenEnd(byte[] bytes, int start, int end) {
        int i = start;
        while (i < end && isToken(bytes[i])) {
            i++;
        }
        return i;
    }

    static int skipOws(byte[] bytes, int start, int end) {
        int i = start;
        while (i < end && isOws(bytes[i])) {
            i++;
        }
        return i;
    }

    static int trimOws(byte[] bytes, int start, int end) {
        int i = end;
        while (i > start && isOws(bytes[i - 1])) {
            i--;
        }
        return i;
    }

    static int indexOf(byte[] bytes, int start, int end, byte wanted) {
        for (int i = start; i < end; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return end;
    }

    /** The value of a hex digit, or -1. */
    static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int lower = b | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    /** Target bytes (origin-form path and query) or reg-name bytes with valid percent-encoding. */
    static boolean isTarget(byte[] bytes, int start, int end) {
        return allOf(TARGET, bytes, start, end);
    }

    static boolean isRegName(byte[] bytes, int start, int end) {
        return allOf(REG_NAME, bytes, start, end);
    }

    private static boolean allOf(boolean[] allowed, byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b == '%') {
                if (i + 2 >= end || hex(bytes[i + 1]) < 0 || hex(bytes[i + 2]) < 0) {
                    return false;
                }
                i += 2;
            } else if (!allowed[b & 0xff]) {
                return false;
            }
        }
        return true;
    }

    static boolean equals(byte[] bytes, int start, int end, String ascii) {
        return matches(bytes, start, end, ascii, false);
    }

    static boolean equalsIgnoreCase(byte[] bytes, int start, int end, String ascii) {
        return matches(bytes, start, end, ascii, true);
    }

    private static boolean matches(byte[] bytes, int start, int end, String ascii, boolean ignoreCase) {
        if (end - start != ascii.length()) {
            return false;
        }
        for (int i = start; i < end; i++) {
            int b = bytes[i];
            int c = ascii.charAt(i - start);
            if (b != c && !(ignoreCase && lower((byte) b) == lower((byte) c))) {
                return false;
            }
        }
        return true;
    }

    static boolean equalsIgnoreCase(byte[] bytes, int start, int end, int otherStart, int otherEnd) {
        if (end - start != otherEnd - otherStart) {
            return false;
        }
        for (int i = 0; i < end - start; i++) {
            if (lower(bytes[start + i]) != lower(bytes[otherStart + i])) {
                return false;
            }
        }
        return true;
    }

    /** ASCII only: header names are tokens, so no locale rules apply. */
    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }
}
