package io.junction.core.model;

/** What a matched route does with the request. */
public sealed interface Action permits Action.Forward, Action.Respond {

    SourceLocation location();

    /** Proxy the request to a backend of the named pool. */
    record Forward(String pool, SourceLocation location) implements Action {
    }

    /** Answer directly with a status and a short text body. */
    record Respond(int status, String body, SourceLocation location) implements Action {
    }
}
