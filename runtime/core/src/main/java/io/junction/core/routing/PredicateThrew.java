package io.junction.core.routing;

/**
 * A {@code when} predicate's exception, carried out of any nesting ({@code not}, {@code any}) to its route, which then
 * does not match: a {@code not} around a failing predicate must not turn the failure into a match.
 */
final class PredicateThrew extends RuntimeException {

    PredicateThrew(RuntimeException failure) {
        // the predicate's own exception keeps its stack trace; this wrapper needs none
        super(failure.getMessage(), failure, false, false);
    }

    RuntimeException failure() {
        return (RuntimeException) getCause();
    }
}
