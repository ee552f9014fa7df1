package io.junction.dsl.internal;

import io.junction.core.check.Spelling;

import java.util.Collection;

/** The "; did you mean 'forward'? " of a message about a word or option nobody knows, which then lists the known ones. */
final class Suggestion {

    private Suggestion() {
    }

    /** The separator before the list of known names, with a suggestion for {@code typed} when one is close. */
    static String of(String typed, Collection<String> known) {
        return Spelling.closest(typed, known).map(match -> "; did you mean '" + match + "'? ").orElse("; ");
    }
}
