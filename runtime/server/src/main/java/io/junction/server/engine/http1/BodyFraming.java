package io.junction.server.engine.http1;

/** How the body after a head is delimited (RFC 9112 6.3). */
public enum BodyFraming {
    /** No body. */
    NONE,
    /** Exactly {@code contentLength()} bytes. */
    LENGTH,
    /** Chunked transfer coding: run the bytes through a {@link ChunkedScanner}. */
    CHUNKED,
    /** Responses only: the body ends when the backend closes the connection. */
    UNTIL_CLOSE
}
