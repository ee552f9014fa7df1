package io.junction.core.affinity;

/** Hears that a session store failed (down, slow, refused). */
public interface StoreFailures {

    /** A lookup failed: the request was served by the strategy. */
    void failed(String poolName, Throwable cause);

    /** A pin was not stored: the client may move to another backend on its next request. */
    void putFailed(String poolName, Throwable cause);
}
