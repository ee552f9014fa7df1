package io.junction.core.check;

import io.junction.core.model.SourceLocation;

/** One thing wrong with the configuration, printed as {@code file:line:column: message}. */
public record ConfigProblem(SourceLocation location, String message) {

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
