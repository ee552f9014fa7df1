package io.junction.plugins.health;

import io.junction.api.Options;

import java.util.Set;
import java.util.TreeSet;

/** Refuses options a check does not know, naming the ones it does. */
final class CheckOptions {

    private CheckOptions() {
    }

    /**
     * @param prefixes option names that start with one of these are allowed too (e.g. {@code header.})
     * @throws IllegalArgumentException naming the first unknown option
     */
    static void requireKnown(String check, Options options, Set<String> known, String... prefixes) {
        for (String key : new TreeSet<>(options.keys())) {
            boolean prefixed = false;
            for (String prefix : prefixes) {
                prefixed |= key.startsWith(prefix) && key.length() > prefix.length();
            }
            if (!known.contains(key) && !prefixed) {
                throw new IllegalArgumentException("health '" + check + "' has no option '" + key + "'; allowed: "
                        + String.join(", ", new TreeSet<>(known)) + (prefixes.length > 0 ? ", " + String.join(", ", prefixes) + "NAME" : ""));
            }
        }
    }
}
