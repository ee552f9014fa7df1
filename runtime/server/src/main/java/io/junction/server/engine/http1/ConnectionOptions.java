package io.junction.server.engine.http1;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The options of all Connection fields of a head (RFC 9110 7.6.1): the {@code close},
 * {@code keep-alive} and {@code upgrade} tokens, and the listed names a forwarder must strip
 * along with the Connection field itself.
 */
public final class ConnectionOptions {

    private final LineReader lines;
    private int[] ranges = new int[2 * 4];
    private int count;
    private boolean close;
    private boolean keepAlive;
    private boolean upgrade;

    ConnectionOptions(LineReader lines) {
        this.lines = lines;
    }

    void clear() {
        count = 0;
        close = false;
        keepAlive = false;
        upgrade = false;
    }

    /** Adds the comma-separated tokens between {@code start} and {@code end}; empty elements are allowed (RFC 9110 5.6.1). */
    void add(int start, int end) {
        byte[] b = lines.bytes();
        for (int element = start; element <= end; ) {
            int comma = Chars.indexOf(b, element, end, (byte) ',');
            int tokenStart = Chars.skipOws(b, element, comma);
            int tokenEnd = Chars.trimOws(b, tokenStart, comma);
            if (tokenStart < tokenEnd) {
                if (!Chars.isToken(b, tokenStart, tokenEnd)) {
                    throw Http1Violation.badRequest("Connection option is not a token");
                }
                remember(b, tokenStart, tokenEnd);
            }
            element = comma + 1;
        }
    }

    private void remember(byte[] b, int start, int end) {
        close |= Chars.equalsIgnoreCase(b, start, end, "close");
        keepAlive |= Chars.equalsIgnoreCase(b, start, end, "keep-alive");
        upgrade |= Chars.equalsIgnoreCase(b, start, end, "upgrade");
        if (2 * count == ranges.length) {
            ranges = Arrays.copyOf(ranges, 2 * ranges.length);
        }
        ranges[2 * count] = start;
        ranges[2 * count + 1] = end;
        count++;
    }

    public boolean close() {
        return close;
    }

    public boolean keepAlive() {
        return keepAlive;
    }

    public boolean upgrade() {
        return upgrade;
    }

    public int count() {
        return count;
    }

    public String option(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("option " + index + " of " + count);
        }
        return new String(lines.bytes(), ranges[2 * index], ranges[2 * index + 1] - ranges[2 * index], StandardCharsets.ISO_8859_1);
    }

    /** Whether field {@code index} of {@code fields} is named by a Connection option, so it is hop-by-hop. */
    public boolean lists(HeaderFields fields, int index) {
        int start = fields.nameStart(index);
        int end = fields.nameEnd(index);
        for (int i = 0; i < count; i++) {
            if (Chars.equalsIgnoreCase(lines.bytes(), start, end, ranges[2 * i], ranges[2 * i + 1])) {
                return true;
            }
        }
        return false;
    }
}
