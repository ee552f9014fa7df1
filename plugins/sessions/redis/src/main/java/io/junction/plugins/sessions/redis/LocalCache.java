package io.junction.plugins.sessions.redis;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Pins read from or written to Redis, trusted for a short time so that a busy client costs Redis one read per
 * {@code ttl}, not one per request. Bounded: when full it starts over empty (a miss only costs a Redis read).
 */
final class LocalCache {

    private record Entry(String backendId, long until) {
    }

    private final long ttlNanos;
    private final int capacity;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    LocalCache(Duration ttl, int capacity, LongSupplier clock) {
        this.ttlNanos = ttl.toNanos();
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The cached backend id, or null when none is fresh. */
    String get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() - entry.until >= 0) {
            entries.remove(key, entry);
            return null;
        }
        return entry.backendId;
    }

    void put(String key, String backendId) {
        if (ttlNanos == 0) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.clear();
        }
        entries.put(key, new Entry(backendId, clock.getAsLong() + ttlNanos));
    }

    void remove(String key) {
        entries.remove(key);
    }
}
