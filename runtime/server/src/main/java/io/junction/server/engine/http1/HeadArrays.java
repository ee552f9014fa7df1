package io.junction.server.engine.http1;

import java.util.ArrayDeque;

/**
 * One thread's spare arrays for heads, for parsers whose owner lives as long as a connection: such a parser takes
 * them when a head starts and gives them back when it is released, so an idle connection holds none, and a thread
 * serving many connections reuses the same few instead of allocating per message. (The own engine's parsers are
 * pooled per event loop and keep theirs.) Only arrays of the starting size are kept; one that a large head grew is
 * left to the collector.
 */
final class HeadArrays {

    static final int BYTES = 1024;
    /** Four offsets per field line, for 16 lines. */
    static final int INTS = 4 * 16;
    /** More than one thread's connections have heads in flight at once in practice. */
    private static final int MAX_KEPT = 256;
    private static final ThreadLocal<HeadArrays> OF_THREAD = ThreadLocal.withInitial(HeadArrays::new);

    private final ArrayDeque<byte[]> bytes = new ArrayDeque<>();
    private final ArrayDeque<int[]> ints = new ArrayDeque<>();

    private HeadArrays() {
    }

    static byte[] takeBytes() {
        byte[] spare = OF_THREAD.get().bytes.pollLast();
        return spare != null ? spare : new byte[BYTES];
    }

    static int[] takeInts() {
        int[] spare = OF_THREAD.get().ints.pollLast();
        return spare != null ? spare : new int[INTS];
    }

    /** {@code array} when it is worth keeping for the next head (its starting size), else null. */
    static byte[] keepable(byte[] array) {
        return array != null && array.length == BYTES ? array : null;
    }

    /** {@code array} when it is worth keeping for the next head (its starting size), else null. */
    static int[] keepable(int[] array) {
        return array != null && array.length == INTS ? array : null;
    }

    /** @return null, for {@code array = HeadArrays.give(array)} */
    static byte[] give(byte[] array) {
        if (keepable(array) != null) {
            ArrayDeque<byte[]> spares = OF_THREAD.get().bytes;
            if (spares.size() < MAX_KEPT) {
                spares.addLast(array);
            }
        }
        return null;
    }

    /** @return null, for {@code array = HeadArrays.give(array)} */
    static int[] give(int[] array) {
        if (keepable(array) != null) {
            ArrayDeque<int[]> spares = OF_THREAD.get().ints;
            if (spares.size() < MAX_KEPT) {
                spares.addLast(array);
            }
        }
        return null;
    }
}
