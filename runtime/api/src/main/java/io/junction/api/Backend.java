package io.junction.api;

import java.net.URI;

/** Read-only view of one backend of a pool. */
public interface Backend {

    /** Stable identity across reloads, e.g. {@code http://127.0.0.1:9001}. */
    String id();

    URI uri();

    /** Relative weight from the script; 1 when not given. */
    int weight();

    /** Requests currently in flight to this backend, across all pools and generations. */
    int activeRequests();
}
