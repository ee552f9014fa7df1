package io.junction.plugins.sessions.memory;

import io.junction.api.Options;
import io.junction.api.SessionStore;
import io.junction.api.Sessions;
import org.pf4j.Extension;

import java.util.Set;

/**
 * {@code sessions 'memory', size: 100000}: pins kept in this process, the least recently used dropped first. It takes
 * {@code timeout} like every store (Junction bounds each lookup by it); a lookup here is answered at once, so the
 * store itself has no use for it.
 */
@Extension
public final class MemoryStore implements SessionStore {

    static final int DEFAULT_SIZE = 100_000;

    @Override
    public String id() {
        return "memory";
    }

    @Override
    public Sessions open(Options options) {
        options.requireOnly("sessions 'memory'", Set.of("size", "timeout"));
        int size = options.getInt("size", DEFAULT_SIZE);
        if (size < 1) {
            throw new IllegalArgumentException("sessions 'memory': size must be at least 1, got " + size);
        }
        return new LruSessions(size, System::nanoTime);
    }
}
