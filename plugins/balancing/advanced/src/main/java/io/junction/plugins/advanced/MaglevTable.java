package io.junction.plugins.advanced;

import io.junction.api.Backend;
import io.junction.api.Candidates;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Google's Maglev lookup table (NSDI'16), weighted as Envoy does: backends take turns filling the table from their
 * own permutation of its slots, a backend taking a turn per round in proportion to its weight; a key's slot is its
 * hash modulo the (prime) table size. Entries per backend differ by at most one per weight unit, so max/avg is
 * about 1.005 at 65537 slots; a change moves slightly more than the ideal share of keys. A key whose backend is
 * not eligible walks on to the next slots, so the other keys never move.
 */
final class MaglevTable implements KeyOrder {

    static final int DEFAULT_SIZE = 65537;
    static final int MAX_SIZE = 16_777_259;   // a prime above 2^24

    private final int[] table;

    MaglevTable(List<Backend> backends, int[] weights, int size) {
        if (size <= weights.length || !BigInteger.valueOf(size).isProbablePrime(30)) {
            throw new IllegalArgumentException("option 'table-size' must be a prime larger than the number of backends (" + weights.length
                    + "), such as 65537, got " + size);
        }
        table = new int[size];
        Arrays.fill(table, -1);
        long[] offset = new long[weights.length];
        long[] skip = new long[weights.length];
        long[] tried = new long[weights.length];
        long[] turnsTaken = new long[weights.length];
        int heaviest = Arrays.stream(weights).max().orElse(1);
        for (int i = 0; i < weights.length; i++) {
            long seed = Hashing.of(backends.get(i).id());
            offset[i] = Long.remainderUnsigned(Hashing.mix(seed ^ 0x5bd1e995L), size);
            skip[i] = Long.remainderUnsigned(Hashing.mix(seed ^ 0x1b873593L), size - 1) + 1;
        }
        int filled = 0;
        for (long round = 0; filled < size; round++) {
            for (int i = 0; i < weights.length && filled < size; i++) {
                if ((long) weights[i] * round < turnsTaken[i]) {
                    continue;   // a lighter backend sits out rounds: it takes weight/heaviest of the turns
                }
                turnsTaken[i] += heaviest;
                int slot;
                do {
                    slot = (int) ((offset[i] + tried[i]++ * skip[i]) % size);
                } while (table[slot] >= 0);
                table[slot] = i;
                filled++;
            }
        }
    }

    @Override
    public int first(long keyHash, Candidates candidates, Admission admission, double share) {
        return KeyOrder.walk(table, (int) Long.remainderUnsigned(keyHash, table.length), candidates, admission, share);
    }

    /** Slots per backend index, for the specs and the bench. */
    int[] entries(int backends) {
        int[] entries = new int[backends];
        for (int owner : table) {
            entries[owner]++;
        }
        return entries;
    }
}
