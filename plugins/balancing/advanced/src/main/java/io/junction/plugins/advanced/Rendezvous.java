package io.junction.plugins.advanced;

import io.junction.api.Backend;
import io.junction.api.Candidates;

import java.util.List;

/**
 * Highest random weight (Thaler and Ravishankar), weighted as Schindelhauer: each backend scores
 * {@code weight / -ln(u)} for {@code u} a hash of key and backend in (0, 1); the key's order is by falling score.
 * Nothing to build and no key moves between the remaining backends on any change, for O(backends) work per pick.
 */
final class Rendezvous implements KeyOrder {

    private final long[] seeds;
    private final int[] weights;

    Rendezvous(List<Backend> backends, int[] weights) {
        this.weights = weights;
        this.seeds = backends.stream().mapToLong(backend -> Hashing.of(backend.id())).toArray();
    }

    /** Finds the best-scoring backend, then, while the admission refuses, the next best: no list, no sort. */
    @Override
    public int first(long keyHash, Candidates candidates, Admission admission, double share) {
        double previousScore = Double.POSITIVE_INFINITY;
        int previous = -1;
        while (true) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < seeds.length; i++) {
                if (!candidates.isEligible(i)) {
                    continue;
                }
                double score = score(keyHash, i);
                boolean later = score < previousScore || (score == previousScore && i > previous);
                if (later && score > bestScore) {
                    best = i;
                    bestScore = score;
                }
            }
            if (best < 0 || admission.admits(best, share)) {
                return best;
            }
            previousScore = bestScore;
            previous = best;
        }
    }

    private double score(long keyHash, int index) {
        return -weights[index] / Math.log(Hashing.unit(Hashing.mix(keyHash ^ seeds[index])));
    }
}
