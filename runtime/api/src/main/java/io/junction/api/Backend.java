package io.junction.api;

import java.net.URI;

/** Read-only view of one backend of a pool. */
public interface Backend {

    /** {@link #availableSince()} of a backend that never came back from being unavailable. */
    long NEVER = Long.MIN_VALUE;

    /** Stable identity across reloads, e.g. {@code http://127.0.0.1:9001}. */
    String id();

    URI uri();

    /** Relative weight from the script; 1 when not given. */
    int weight();

    /** Requests currently in flight to this backend, across all pools and generations. */
    int activeRequests();

    /**
     * {@code System.nanoTime()} when this backend last came back after being kept out as sick (its health check
     * passed again, its ejection ended; possibly in the future while it is still out), or {@link #NEVER}. A
     * slow start ramps from here as from the moment a backend joined.
     */
    default long availableSince() {
        return NEVER;
    }
}
