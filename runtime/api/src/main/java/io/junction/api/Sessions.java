package io.junction.api;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * An open session store: affinity keys to backend ids. Called from I/O threads, so no method may block; a lookup
 * the store can answer from memory returns an already completed stage, and Junction then goes on inline.
 */
public interface Sessions extends AutoCloseable {

    /**
     * The backend id the key is pinned to, or {@code null} when none (unknown or expired). A stage that completes
     * exceptionally (store down, timed out) makes Junction serve the request with the pool's strategy.
     */
    CompletionStage<String> find(String key);

    /**
     * Pins the key to the backend for {@code ttl}, replacing any earlier pin. Junction does not wait for the stage:
     * it completes once the store holds the pin, exceptionally when the pin was lost (store down, timed out), which
     * Junction counts and logs.
     */
    CompletionStage<Void> put(String key, String backendId, Duration ttl);

    /** Forgets the key; fire and forget. */
    void remove(String key);

    /**
     * Whether Junction may keep this open store when plugins are reloaded and the store's own JAR did not change.
     * Its plugin's class loader is then closed: a store that says yes has loaded every class it needs in
     * {@link SessionStore#open}. A store whose pins live elsewhere (a server) can say no and lose only its caches.
     */
    default boolean outlivesPluginReload() {
        return false;
    }

    /** Releases connections and memory; called once, when no pool uses the store any more. */
    @Override
    void close();
}
