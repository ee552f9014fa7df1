package io.junction.server.engine.http1;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static io.junction.server.engine.http1.Chars.CR;
import static io.junction.server.engine.http1.Chars.LF;

/**
 * Copies a head (or a chunk-size line, or a trailer section) into a reusable array, a line at a
 * time, however the input is split. Owns the line-ending rule: CRLF only, a bare CR or bare LF is an
 * error as soon as it is seen. The array comes from the thread's {@link HeadArrays} with the first byte and grows up
 * to the size limit when a head needs it; {@link #clear} keeps it for the next message (a grown one is dropped),
 * {@link #release} gives it back, for an owner that lives as long as an idle connection.
 */
final class LineReader {

    private final int maxBytes;
    private byte[] bytes;
    private int size;
    private int lineStart;
    private int lineEnd;
    private boolean lineComplete;

    LineReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Forgets the lines; keeps an array of the starting size for the next ones. */
    void clear() {
        bytes = HeadArrays.keepable(bytes);
        forget();
    }

    /** Forgets the lines and gives the array back. */
    void release() {
        bytes = HeadArrays.give(bytes);
        forget();
    }

    private void forget() {
        size = 0;
        lineStart = 0;
        lineComplete = false;
    }

    /**
     * Moves bytes from {@code in} up to and including the next LF.
     *
     * @return true when a whole line is held (see {@link #lineStart()}, {@link #lineEnd()}); false
     *         when {@code in} ran out first
     * @throws Http1Violation on a bare CR or LF, on a line longer than {@code maxLineLength}
     *         (status {@code lineTooLongStatus}), or when all lines together pass the size limit (431)
     */
    boolean read(ByteBuffer in, int maxLineLength, int lineTooLongStatus) {
        if (lineComplete) {
            lineStart = size;
            lineComplete = false;
        }
        while (in.hasRemaining()) {
            if (size == maxBytes) {
                // the next byte does not fit: it may still break a rule first, as it would have fitting
                check(in.get(), size, maxLineLength, lineTooLongStatus);
                throw new Http1Violation(431, "head larger than " + maxBytes + " bytes");
            }
            if (bytes == null) {
                bytes = HeadArrays.takeBytes();
            } else if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(2 * bytes.length, maxBytes));
            }
            // one bulk copy of what fits, then the rules on the array: a byte at a time from a direct buffer costs
            // a bounds and a scope check each; bytes copied past the line go back to the buffer
            int from = in.position();
            int copied = Math.min(in.remaining(), Math.min(bytes.length, maxBytes) - size);
            in.get(bytes, size, copied);
            int end = size + copied;
            for (int i = size; i < end; i++) {
                byte b = bytes[i];
                try {
                    check(b, i, maxLineLength, lineTooLongStatus);
                } catch (Http1Violation broken) {
                    in.position(from + i - size + 1);
                    throw broken;
                }
                if (b == LF) {
                    in.position(from + i - size + 1);
                    lineEnd = i - 1;
                    size = i + 1;
                    lineComplete = true;
                    return true;
                }
            }
            size = end;
        }
        return false;
    }

    /** The line-ending and length rules for byte {@code b} at index {@code at} of the head. */
    private void check(byte b, int at, int maxLineLength, int lineTooLongStatus) {
        boolean afterCr = at > lineStart && bytes[at - 1] == CR;
        if (b == LF) {
            if (!afterCr) {
                throw Http1Violation.badRequest("bare LF: lines must end in CRLF");
            }
            return;
        }
        if (afterCr) {
            throw Http1Violation.badRequest("bare CR: CR must be followed by LF");
        }
        if (b != CR && at - lineStart >= maxLineLength) {
            throw new Http1Violation(lineTooLongStatus, "line longer than " + maxLineLength + " bytes");
        }
    }

    /**
     * The array lines are held in (null before the first byte); it may be replaced by a larger one while reading,
     * offsets stay valid until {@link #clear}.
     */
    byte[] bytes() {
        return bytes;
    }

    int lineStart() {
        return lineStart;
    }

    /** Index of the line's CR. */
    int lineEnd() {
        return lineEnd;
    }

    boolean lineIsEmpty() {
        return lineEnd == lineStart;
    }
}
