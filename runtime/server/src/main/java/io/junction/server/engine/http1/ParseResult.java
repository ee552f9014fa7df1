package io.junction.server.engine.http1;

/** What a parser says after it was fed bytes. */
public enum ParseResult {
    /** Everything fed was consumed and the message part is not complete yet. */
    NEED_MORE,
    /** The message part is complete; bytes after it were left in the buffer. */
    DONE,
    /** The input breaks a rule: answer the error status (if any) and close the connection. */
    ERROR
}
