package io.junction.api;

/** How one attempt on a backend ended. */
public enum Outcome {
    /** A response came back (whatever its status). */
    RESPONDED,
    /** No connection could be made (refused, reset, timed out while connecting). */
    CONNECT_FAILED,
    /** Connected, but the exchange failed or timed out before a full response. */
    FAILED
}
