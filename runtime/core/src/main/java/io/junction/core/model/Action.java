package io.junction.core.model;

/** What a matched route finally does with the request: its one terminal action. */
public sealed interface Action permits Action.Forward, Action.Respond {

    SourceLocation location();

    /** Proxy the request to a backend of the named pool. */
    record Forward(String pool, SourceLocation location) implements Action {

        public Forward {
            if (pool == null || pool.isBlank()) {
                throw new InvalidSpecException("forward needs a pool name, e.g. forward 'web'");
            }
        }
    }

    /** Answer directly with a status (100..599) and a short text body. */
    record Respond(int status, String body, SourceLocation location) implements Action {

        public Respond {
            if (status < 100 || status > 599) {
                throw new InvalidSpecException("respond status " + status + " is not an HTTP status: use 100..599");
            }
        }
    }
}
