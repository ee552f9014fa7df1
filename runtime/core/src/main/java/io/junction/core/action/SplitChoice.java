package io.junction.core.action;

import io.junction.api.RequestView;
import io.junction.core.model.Action;
import io.junction.core.model.SplitKey;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@code split} compiled: each request gets a point in {@code [0, total weight)} and the pool whose
 * range holds it. The point is a hash of the split's key when the request has it (the same client
 * always lands on the same pool while the weights stay), else a random draw.
 */
public final class SplitChoice {

    private final String[] pools;
    /** Upper bounds (exclusive) of each pool's range. */
    private final long[] bounds;
    private final SplitKey key;

    public SplitChoice(Action.Split split) {
        this.pools = split.shares().stream().map(Action.Split.Share::pool).toArray(String[]::new);
        this.bounds = new long[pools.length];
        long sum = 0;
        for (int i = 0; i < pools.length; i++) {
            sum += split.shares().get(i).weight();
            bounds[i] = sum;
        }
        this.key = split.key();
    }

    public String pool(RequestView request) {
        long total = bounds[bounds.length - 1];
        String value = keyValue(request);
        long point = value == null ? ThreadLocalRandom.current().nextLong(total) : Math.floorMod(hash(value), total);
        int i = 0;
        while (point >= bounds[i]) {
            i++;
        }
        return pools[i];
    }

    private String keyValue(RequestView request) {
        return switch (key.source()) {
            case NONE -> null;
            case CLIENT -> request.remoteAddress();
            case HEADER -> request.header(key.name());
            case COOKIE -> request.cookie(key.name());
            case QUERY -> request.queryParameter(key.name());
        };
    }

    /** FNV-1a, 64 bit: stable across processes and versions, so a client keeps its pool after a restart. */
    private static long hash(String value) {
        long h = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
