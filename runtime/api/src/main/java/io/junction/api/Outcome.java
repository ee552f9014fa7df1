package io.junction.api;

/** How one attempt on a backend ended. */
public enum Outcome {
    /** A response came back (whatever its status). */
    RESPONDED,
    /** No connection could be made (refused, reset, timed out while connecting). */
    CONNECT_FAILED,
    /** Connected, but the exchange failed or timed out before a full response. */
    FAILED,
    /**
     * Says nothing about the backend, neither a success nor a failure: the client went away first (closed its
     * connection, reset its HTTP/2 stream, broke off its body), or the backend was not tried because Junction's own
     * limit of connections to it was reached.
     */
    ABANDONED
}
