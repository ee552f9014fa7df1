package io.junction.dsl.internal;

import io.junction.core.check.ConfigProblem;
import io.junction.core.model.SourceLocation;

/** Stops the script that raised it; the problem is reported and the other files still compile. */
final class DslException extends RuntimeException {

    private final transient ConfigProblem problem;

    DslException(SourceLocation location, String message) {
        // the location says where the script went wrong; a Java stack trace would only add noise
        super(location + ": " + message, null, false, false);
        this.problem = new ConfigProblem(location, message);
    }

    ConfigProblem problem() {
        return problem;
    }
}
