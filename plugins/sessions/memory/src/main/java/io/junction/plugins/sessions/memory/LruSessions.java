package io.junction.plugins.sessions.memory;

import io.junction.api.Sessions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Pins in an access-ordered map of at most {@code capacity} entries; an expired entry is dropped when it is read.
 * Every answer is immediate (a completed stage). One short lock: the map is touched by every I/O thread.
 */
final class LruSessions implements Sessions {

    private static final CompletableFuture<String> ABSENT = CompletableFuture.completedFuture(null);
    private static final CompletableFuture<Void> STORED = CompletableFuture.completedFuture(null);

    private record Pin(String backendId, long expiresAt) {
    }

    private final LongSupplier clock;
    private final Map<String, Pin> pins;

    LruSessions(int capacity, LongSupplier clock) {
        this.clock = clock;
        this.pins = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Pin> eldest) {
                return size() > capacity;
            }
        };
        // every class this store uses is loaded now, so it keeps working after its plugin's class loader closes
        new Pin("", 0).backendId();
    }

    /** The pins are this process's memory: dropping them on a plugin reload would move every client. */
    @Override
    public boolean outlivesPluginReload() {
        return true;
    }

    @Override
    public CompletionStage<String> find(String key) {
        Pin pin;
        synchronized (pins) {
            pin = pins.get(key);
            if (pin != null && clock.getAsLong() - pin.expiresAt >= 0) {
                pins.remove(key);
                pin = null;
            }
        }
        return pin == null ? ABSENT : CompletableFuture.completedFuture(pin.backendId);
    }

    @Override
    public CompletionStage<Void> put(String key, String backendId, Duration ttl) {
        Pin pin = new Pin(backendId, clock.getAsLong() + ttl.toNanos());
        synchronized (pins) {
            pins.put(key, pin);
        }
        return STORED;
    }

    @Override
    public void remove(String key) {
        synchronized (pins) {
            pins.remove(key);
        }
    }

    int size() {
        synchronized (pins) {
            return pins.size();
        }
    }

    @Override
    public void close() {
        synchronized (pins) {
            pins.clear();
        }
    }
}
