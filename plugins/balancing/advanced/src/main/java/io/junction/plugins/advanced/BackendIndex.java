package io.junction.plugins.advanced;

import io.junction.api.Backend;
import io.junction.api.PoolContext;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Which index of the pool a backend has, for {@code done}, which is told the backend and not its index. Built once
 * per balancer; a lookup allocates nothing.
 */
final class BackendIndex {

    private final Map<Backend, Integer> indices = new IdentityHashMap<>();

    BackendIndex(PoolContext pool) {
        for (int i = 0; i < pool.backends().size(); i++) {
            indices.put(pool.backends().get(i), i);
        }
    }

    /** @return the backend's index, or -1 for a backend not of this pool */
    int of(Backend backend) {
        Integer index = indices.get(backend);
        return index == null ? -1 : index;
    }
}
