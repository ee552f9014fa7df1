package io.junction.dsl.internal;

import io.junction.core.model.SourceLocation;

/**
 * A choice a block may make only once (its balance, its action). The second attempt is reported
 * where it is written and points back at the first.
 */
final class SetOnce {

    private final String rule;
    private String firstWord;
    private SourceLocation first;

    /** @param rule why once, for the message, e.g. "a pool takes one balance" */
    SetOnce(String rule) {
        this.rule = rule;
    }

    /** @return true for the first call; later calls record a problem and return false */
    boolean claim(String word, SourceLocation at, ConfigBuilder config) {
        if (first != null) {
            config.problem(at, "'" + word + "' after '" + firstWord + "' at " + first + ": " + rule);
            return false;
        }
        first = at;
        firstWord = word;
        return true;
    }

    boolean claimed() {
        return first != null;
    }
}
