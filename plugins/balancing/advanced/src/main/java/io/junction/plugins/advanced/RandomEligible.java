package io.junction.plugins.advanced;

import io.junction.api.Candidates;

import java.util.concurrent.ThreadLocalRandom;

/** Uniform draws among the eligible candidates without building a list of them. */
final class RandomEligible {

    /** Random draws before falling back to a scan: enough when most backends are eligible. */
    private static final int DRAWS = 8;

    private RandomEligible() {
    }

    /**
     * A random eligible index other than {@code excluded} (-1: none excluded), or -1 when there is none. Draws at
     * random first, which is uniform; only when those miss, scans from a random start.
     */
    static int other(Candidates candidates, int excluded) {
        int size = candidates.size();
        if (size == 0) {
            return -1;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int draw = 0; draw < DRAWS; draw++) {
            int i = random.nextInt(size);
            if (i != excluded && candidates.isEligible(i)) {
                return i;
            }
        }
        int start = random.nextInt(size);
        for (int offset = 0; offset < size; offset++) {
            int i = (start + offset) % size;
            if (i != excluded && candidates.isEligible(i)) {
                return i;
            }
        }
        return -1;
    }
}
