package io.junction.core.check;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the name a misspelt one most likely meant: for settings keys, DSL words and option names alike. */
public final class Spelling {

    /** More edits than this and the names are not the same word. */
    private static final int MAX_EDITS = 3;

    private Spelling() {
    }

    public static Optional<String> closest(String typed, Collection<String> known) {
        // a short word is only close to one that keeps at least half of it ("tries" is not "time")
        int allowed = Math.min(MAX_EDITS, typed.length() / 2);
        return known.stream()
                .filter(candidate -> distance(typed, candidate) <= allowed)
                .min(Comparator.comparingInt(candidate -> distance(typed, candidate)));
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
