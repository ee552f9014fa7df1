package io.junction.server.admin;

import io.junction.api.Backend;
import io.junction.api.Balancer;
import io.junction.api.BalancingStrategy;
import io.junction.api.Candidates;
import io.junction.api.Options;
import io.junction.api.Outcome;
import io.junction.api.PoolContext;
import io.junction.api.RequestView;
import io.junction.server.plugins.ExtensionCatalog;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The share of keys a reload would move to another backend in a consistent-hash pool: both balancers are built
 * offline by the strategy itself (ring, maglev or rendezvous, with the pool's options) and asked for the same
 * {@value #KEYS} synthetic keys.
 */
public final class KeyMovement {

    /** The strategy whose picks follow a key; any other strategy has no keys to move. */
    static final String CONSISTENT_HASH = "consistent-hash";
    static final int KEYS = 10_000;

    private final ExtensionCatalog catalog;

    public KeyMovement(ExtensionCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @return {@code ~ pool 'api': 24.9% of keys move}, or empty when the pool is not consistent-hash on both
     * sides, its balancing did not change or its strategy is not loaded here
     */
    Optional<String> of(String pool, ConfigOutline.Balancing running, ConfigOutline.Balancing next) {
        if (running == null || next == null || running.equals(next)
                || !CONSISTENT_HASH.equals(running.strategy()) || !CONSISTENT_HASH.equals(next.strategy())) {
            return Optional.empty();
        }
        if (!catalog.ids(BalancingStrategy.class).contains(CONSISTENT_HASH)) {
            return Optional.empty();
        }
        BalancingStrategy strategy = catalog.get(BalancingStrategy.class, CONSISTENT_HASH);
        OfflinePool before = new OfflinePool(pool, running, strategy);
        OfflinePool after = new OfflinePool(pool, next, strategy);
        int moved = 0;
        for (int i = 0; i < KEYS; i++) {
            SyntheticKey key = new SyntheticKey("key-" + i);
            if (!Objects.equals(before.pick(key), after.pick(key))) {
                moved++;
            }
        }
        return Optional.of(String.format(Locale.ROOT, "~ pool '%s': %.1f%% of keys move", pool, 100.0 * moved / KEYS));
    }

    /** A pool of one side of the diff, every backend eligible, its balancer made by the strategy. */
    private static final class OfflinePool implements PoolContext, Candidates {

        private final String name;
        private final Options options;
        private final List<Backend> backends;
        private final Balancer balancer;

        OfflinePool(String name, ConfigOutline.Balancing balancing, BalancingStrategy strategy) {
            this.name = name;
            this.options = Options.of(balancing.options());
            this.backends = balancing.weights().entrySet().stream()
                    .<Backend>map(entry -> new OfflineBackend(entry.getKey(), entry.getValue())).toList();
            this.balancer = strategy.create(this);
        }

        /** @return the id of the backend the key goes to, null for none */
        String pick(RequestView key) {
            Backend backend = balancer.pick(this, key);
            if (backend == null) {
                return null;
            }
            balancer.done(backend, Outcome.RESPONDED, 0, 0);
            return backend.id();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Options options() {
            return options;
        }

        @Override
        public List<Backend> backends() {
            return backends;
        }

        @Override
        public int size() {
            return backends.size();
        }

        @Override
        public Backend get(int index) {
            return backends.get(index);
        }

        @Override
        public boolean isEligible(int index) {
            return true;
        }
    }

    private record OfflineBackend(String id, int weight) implements Backend {

        @Override
        public URI uri() {
            return URI.create(id);
        }

        @Override
        public int activeRequests() {
            return 0;
        }
    }

    /** A request that carries the same key wherever the pool's {@code key} option reads it. */
    private record SyntheticKey(String key) implements RequestView {

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String host() {
            return key;
        }

        @Override
        public String path() {
            return "/" + key;
        }

        @Override
        public String query() {
            return "";
        }

        @Override
        public String header(String name) {
            return key;
        }

        @Override
        public String remoteAddress() {
            return key;
        }

        @Override
        public String cookie(String name) {
            return key;
        }

        @Override
        public String queryParameter(String name) {
            return key;
        }
    }
}
