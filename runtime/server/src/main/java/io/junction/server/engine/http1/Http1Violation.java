package io.junction.server.engine.http1;

/**
 * A broken rule, thrown inside a parser and turned into {@link ParseResult#ERROR} at its entry
 * point. Without a stack trace: it is an answer to bad input, not a bug report.
 */
final class Http1Violation extends RuntimeException {

    private final int status;

    Http1Violation(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    static Http1Violation badRequest(String reason) {
        return new Http1Violation(400, reason);
    }

    int status() {
        return status;
    }
}
