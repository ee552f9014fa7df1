package io.junction.server.engine.http1;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The field lines of one head (or trailer section), kept as offsets into the parser's array.
 * Owns the field-line rules of RFC 9112 5: no whitespace before the colon or at the start of a line
 * (obs-fold), a non-empty token name, a value of visible bytes, SP and HTAB only. Names compare
 * case-insensitively without creating Strings; {@link #name(int)} and {@link #value(int)} create
 * one on demand.
 */
public final class HeaderFields {

    private static final int NAME_START = 0;
    private static final int NAME_END = 1;
    private static final int VALUE_START = 2;
    private static final int VALUE_END = 3;

    private final LineReader lines;
    private final int maxCount;
    /** Taken from the thread's {@link HeadArrays} with the first field, kept by {@link #clear}, given back by {@link #release}. */
    private int[] offsets;
    private int count;

    HeaderFields(LineReader lines, int maxCount) {
        this.lines = lines;
        this.maxCount = maxCount;
    }

    /** Forgets the fields; keeps an array of the starting size for the next ones. */
    void clear() {
        offsets = HeadArrays.keepable(offsets);
        count = 0;
    }

    /** Forgets the fields and gives the array back. */
    void release() {
        offsets = HeadArrays.give(offsets);
        count = 0;
    }

    /** Parses the field line between {@code start} and {@code end} (CRLF excluded); returns its index. */
    int add(int start, int end) {
        byte[] b = lines.bytes();
        if (Chars.isOws(b[start])) {
            throw Http1Violation.badRequest("line starts with whitespace (obsolete line folding)");
        }
        int colon = Chars.indexOf(b, start, end, (byte) ':');
        if (colon == end) {
            throw Http1Violation.badRequest("field line without a colon");
        }
        if (colon == start) {
            throw Http1Violation.badRequest("empty field name");
        }
        int nameEnd = Chars.tokenEnd(b, start, colon);
        if (nameEnd < colon) {
            throw Http1Violation.badRequest(Chars.isOws(b[nameEnd])
                    ? "whitespace between field name and colon" : "field name with a byte that is not a token character");
        }
        int valueStart = Chars.skipOws(b, colon + 1, end);
        int valueEnd = Chars.trimOws(b, valueStart, end);
        for (int i = valueStart; i < valueEnd; i++) {
            if (!Chars.isFieldValue(b[i])) {
                throw Http1Violation.badRequest(b[i] == 0 ? "NUL in field value" : "control byte in field value");
            }
        }
        if (count == maxCount) {
            throw new Http1Violation(431, "more than " + maxCount + " field lines");
        }
        if (offsets == null) {
            offsets = HeadArrays.takeInts();
        } else if (4 * count == offsets.length) {
            offsets = Arrays.copyOf(offsets, Math.min(2 * offsets.length, 4 * maxCount));
        }
        int at = 4 * count;
        offsets[at + NAME_START] = start;
        offsets[at + NAME_END] = colon;
        offsets[at + VALUE_START] = valueStart;
        offsets[at + VALUE_END] = valueEnd;
        return count++;
    }

    public int count() {
        return count;
    }

    /** Whether field {@code index} is called {@code name}, ignoring ASCII case. */
    public boolean nameIs(int index, String name) {
        return Chars.equalsIgnoreCase(lines.bytes(), nameStart(index), nameEnd(index), name);
    }

    /** Whether field {@code index}'s value (without surrounding whitespace) is {@code value}, ignoring ASCII case. */
    public boolean valueIs(int index, String value) {
        return Chars.equalsIgnoreCase(lines.bytes(), valueStart(index), valueEnd(index), value);
    }

    /** Whether field {@code index}'s name starts with {@code prefix}, ignoring ASCII case. */
    public boolean nameStartsWith(int index, String prefix) {
        int start = nameStart(index);
        return nameEnd(index) - start >= prefix.length()
                && Chars.equalsIgnoreCase(lines.bytes(), start, start + prefix.length(), prefix);
    }

    /** The values of every field called {@code name}, in order. */
    public java.util.List<String> values(String name) {
        java.util.List<String> values = new java.util.ArrayList<>(1);
        for (int i = 0; i < count; i++) {
            if (nameIs(i, name)) {
                values.add(value(i));
            }
        }
        return values;
    }

    /** Index of the first field called {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < count; i++) {
            if (nameIs(i, name)) {
                return i;
            }
        }
        return -1;
    }

    public String name(int index) {
        return string(nameStart(index), nameEnd(index));
    }

    /** Field values may hold obs-text, which has no defined charset: bytes map one to one (ISO-8859-1). */
    public String value(int index) {
        return string(valueStart(index), valueEnd(index));
    }

    private String string(int start, int end) {
        return new String(lines.bytes(), start, end - start, StandardCharsets.ISO_8859_1);
    }

    int nameStart(int index) {
        return offsets[checked(index) * 4 + NAME_START];
    }

    int nameEnd(int index) {
        return offsets[checked(index) * 4 + NAME_END];
    }

    int valueStart(int index) {
        return offsets[checked(index) * 4 + VALUE_START];
    }

    int valueEnd(int index) {
        return offsets[checked(index) * 4 + VALUE_END];
    }

    private int checked(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("field " + index + " of " + count);
        }
        return index;
    }
}
