package io.junction.server.engine;

import io.junction.server.engine.http1.Http1Limits;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One event loop's free objects of a kind whose size the head limits decide (parsers, exchanges), kept per limits
 * for the next request. Touched by that loop only.
 */
final class KeptPerLimits<T> {

    /** More free objects than this (after a burst of concurrent requests) are left to the collector. */
    private static final int MAX_KEPT = 1024;

    private final Map<Http1Limits, ArrayDeque<T>> free = new HashMap<>();
    /** The limits asked for last and their objects: most loops serve one set of limits, found without hashing. */
    private Http1Limits lastLimits;
    private ArrayDeque<T> lastKept;

    /** The object kept last for {@code limits} (likely still in the CPU's caches), or null when none is kept. */
    T poll(Http1Limits limits) {
        return kept(limits).pollLast();
    }

    void keep(Http1Limits limits, T object) {
        ArrayDeque<T> kept = kept(limits);
        if (kept.size() < MAX_KEPT) {
            kept.addLast(object);
        }
    }

    /** Free objects kept, over all limits. */
    int size() {
        return free.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    private ArrayDeque<T> kept(Http1Limits limits) {
        if (limits != lastLimits) {
            lastKept = free.computeIfAbsent(limits, key -> new ArrayDeque<>());
            lastLimits = limits;
        }
        return lastKept;
    }
}
