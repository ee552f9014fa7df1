package io.junction.core.affinity;

/** Hears that a session store failed a lookup (down, slow, refused); the request was served by the strategy. */
@FunctionalInterface
public interface StoreFailures {

    void failed(String poolName, Throwable cause);
}
