package io.junction.core.routing;

import io.junction.core.model.RouteSpec;

/**
 * Told when a route's {@code when} predicate throws for a request: that route did not match and routing went on with
 * the next one. Called on I/O threads, for every failure: it must not block.
 */
@FunctionalInterface
public interface PredicateFailures {

    /** For tables nobody serves from (explain, route tests): the failure shows in the explanation instead. */
    PredicateFailures IGNORE = (route, failure) -> { };

    void threw(RouteSpec route, RuntimeException failure);

    /** The failure as explain and route tests show it for its route: {@code predicate threw: message}. */
    static String explain(RuntimeException failure) {
        return "predicate threw: " + reason(failure);
    }

    /** The failure as the log writes it: its message, else its type when it has none. */
    static String reason(RuntimeException failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
    }
}
