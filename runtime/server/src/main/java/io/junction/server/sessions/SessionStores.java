package io.junction.server.sessions;

import io.junction.api.Options;
import io.junction.api.SessionStore;
import io.junction.api.Sessions;
import io.junction.core.check.ConfigException;
import io.junction.core.check.ConfigProblem;
import io.junction.core.model.AffinitySpec;
import io.junction.core.model.PoolSpec;
import io.junction.server.plugins.PluginInfo;
import io.junction.server.plugins.PluginSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every session store that a generation's pools opened, by what identifies it: the store id, its options and the
 * plugin JAR that provides it (and the plugin set, for a store that does not outlive a plugin reload). A reload
 * that asks for the same store gets the same open instance, so its pins survive; {@link #retainOnly} closes the
 * ones no serving generation uses. Called on the reload thread.
 */
public final class SessionStores implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionStores.class);

    /** What an open store is kept by. {@code plugins} is null for a store that outlives plugin reloads. */
    public record Key(String store, Map<String, String> options, PluginInfo owner, PluginSet plugins) {
    }

    private final Map<Key, Sessions> open = new HashMap<>();

    /**
     * The open store a sticky pool asks for: the kept one, or a new one.
     *
     * @throws ConfigException at the pool's location when the store refuses its options
     */
    public synchronized Opened open(PoolSpec pool, PluginSet plugins) throws ConfigException {
        AffinitySpec affinity = pool.affinity();
        PluginInfo owner = plugins.catalog().owner(SessionStore.class, affinity.store());
        for (Map.Entry<Key, Sessions> kept : open.entrySet()) {
            Key key = kept.getKey();
            if (key.store.equals(affinity.store()) && key.options.equals(affinity.storeOptions()) && key.owner.equals(owner)
                    && (key.plugins == null || key.plugins == plugins)) {
                return new Opened(key, kept.getValue());
            }
        }
        Sessions sessions;
        try {
            sessions = plugins.catalog().get(SessionStore.class, affinity.store()).open(Options.of(affinity.storeOptions()));
        } catch (RuntimeException e) {
            throw new ConfigException(List.of(new ConfigProblem(pool.location(), "pool '" + pool.name() + "': session store '"
                    + affinity.store() + "' refused its options: " + e.getMessage())));
        }
        Key key = new Key(affinity.store(), affinity.storeOptions(), owner, sessions.outlivesPluginReload() ? null : plugins);
        open.put(key, sessions);
        return new Opened(key, sessions);
    }

    /** An open store and the key it is kept by. */
    public record Opened(Key key, Sessions sessions) {
    }

    /**
     * Lets go of every store not in {@code used} at once (a later open makes a new one) and returns what closes
     * them, for the caller to run when no request can use them any more.
     */
    public synchronized Runnable retainOnly(Set<Key> used) {
        Map<Key, Sessions> dropped = new HashMap<>(open);
        dropped.keySet().removeAll(used);
        open.keySet().removeAll(dropped.keySet());
        return () -> dropped.forEach(SessionStores::close);
    }

    @Override
    public void close() {
        retainOnly(Set.of()).run();
    }

    private static void close(Key key, Sessions sessions) {
        try {
            sessions.close();
        } catch (RuntimeException | LinkageError e) {
            log.warn("closing session store '{}' of {} failed: {}", key.store(), key.owner().label(), e.toString());
        }
    }
}
