package io.junction.plugins.advanced;

import io.junction.api.Candidates;

/**
 * A consistent-hash algorithm: for each key hash, an order of the backends that changes as little as possible when
 * the pool changes. A pick walks it to the first eligible backend the admission takes, so when a backend is
 * skipped, only its own keys go elsewhere. Built once per balancer, immutable, read without locks.
 */
interface KeyOrder {

    /** @return the first backend in the key's order that is eligible and admitted, or -1 */
    int first(long keyHash, Candidates candidates, Admission admission, double share);

    /** Walks a table of backend indices from {@code start}, wrapping around once: the ring's and maglev's order. */
    static int walk(int[] owners, int start, Candidates candidates, Admission admission, double share) {
        int length = owners.length;
        for (int step = 0; step < length; step++) {
            int slot = start + step;
            int index = owners[slot >= length ? slot - length : slot];
            if (candidates.isEligible(index) && admission.admits(index, share)) {
                return index;
            }
        }
        return -1;
    }
}
