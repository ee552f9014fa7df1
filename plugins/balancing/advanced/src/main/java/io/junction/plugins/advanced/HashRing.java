package io.junction.plugins.advanced;

import io.junction.api.Backend;
import io.junction.api.Candidates;

import java.util.Arrays;
import java.util.List;

/**
 * Karger's ring (ketama): {@code vnodes} points per unit of weight for each backend, at hashes of its id; a key
 * belongs to the first point at or after its hash, and walks on clockwise. Adding or removing a backend moves only
 * the keys of its own points (none between the others). Balance improves as 1/sqrt(points): about 1.05 max/avg
 * at 1000 points per backend.
 */
final class HashRing implements KeyOrder {

    /** Four MiB of points and as much of owners; a pool asking for more is refused. */
    static final int MAX_POINTS = 1 << 20;

    private final long[] points;
    private final int[] owners;

    HashRing(List<Backend> backends, int[] weights, int vnodes) {
        long count = 0;
        for (int weight : weights) {
            count += (long) weight * vnodes;
        }
        if (count > MAX_POINTS) {
            throw new IllegalArgumentException("the ring would have " + count + " points (weights x vnodes); at most " + MAX_POINTS
                    + " are supported: lower 'vnodes'");
        }
        long[] packed = new long[(int) count];   // sorting point and owner together: hash high bits, owner low 20 bits
        long[] hashes = new long[(int) count];
        int next = 0;
        for (int i = 0; i < weights.length; i++) {
            long seed = Hashing.of(backends.get(i).id());
            for (int v = 0; v < weights[i] * vnodes; v++) {
                hashes[next] = Hashing.mix(seed + v * 0x9e3779b97f4a7c15L);
                packed[next] = (hashes[next] & ~0xFFFFFL) | i;
                next++;
            }
        }
        Arrays.sort(packed);
        points = new long[packed.length];
        owners = new int[packed.length];
        for (int p = 0; p < packed.length; p++) {
            points[p] = packed[p] & ~0xFFFFFL;
            owners[p] = (int) (packed[p] & 0xFFFFF);
        }
    }

    @Override
    public int first(long keyHash, Candidates candidates, Admission admission, double share) {
        int found = Arrays.binarySearch(points, keyHash & ~0xFFFFFL);
        int start = found >= 0 ? found : -found - 1;
        return KeyOrder.walk(owners, start == points.length ? 0 : start, candidates, admission, share);
    }
}
