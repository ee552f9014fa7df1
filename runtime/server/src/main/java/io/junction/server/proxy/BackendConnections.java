package io.junction.server.proxy;

import io.junction.core.pool.PoolMember;
import io.undertow.client.UndertowClient;
import io.undertow.server.handlers.proxy.ConnectionPoolManager;
import io.undertow.server.handlers.proxy.ProxyConnectionPool;
import org.xnio.OptionMap;
import org.xnio.Options;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keep-alive connection pools to backends, one per backend id, shared by every pool and every
 * configuration generation that names the backend, so a reload keeps warm connections.
 */
public final class BackendConnections implements AutoCloseable {

    private final ConcurrentMap<String, ProxyConnectionPool> pools = new ConcurrentHashMap<>();
    private final UndertowClient client = UndertowClient.getInstance();
    private final OptionMap options = OptionMap.create(Options.TCP_NODELAY, true);
    private final ConnectionPoolManager manager;

    public BackendConnections(int maxConnectionsPerThread, Duration idleTimeout) {
        this.manager = new KeepAlivePolicy(maxConnectionsPerThread, idleTimeout.toMillis());
    }

    ProxyConnectionPool of(PoolMember member) {
        return pools.computeIfAbsent(member.id(), id -> new ProxyConnectionPool(manager, URI.create(id), client, options));
    }

    /** Closes the pools of backends no generation uses any more; their in-flight exchanges finish first. */
    public void retainOnly(Set<String> backendIds) {
        pools.entrySet().removeIf(entry -> {
            if (backendIds.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().close();
            return true;
        });
    }

    @Override
    public void close() {
        retainOnly(Set.of());
    }

    /**
     * Pool sizing and idle expiry. Backend health is Junction's business (the pool's strategy skips
     * what failed), so Undertow's own problem-server bookkeeping is switched off: a backend is
     * never marked unavailable here and no reconnect task is scheduled.
     */
    private record KeepAlivePolicy(int maxConnections, long idleMillis) implements ConnectionPoolManager {

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public boolean handleError() {
            return true;
        }

        @Override
        public boolean clearError() {
            return true;
        }

        @Override
        public int getProblemServerRetry() {
            return -1;
        }

        @Override
        public int getMaxConnections() {
            return maxConnections;
        }

        @Override
        public int getMaxCachedConnections() {
            return maxConnections;
        }

        @Override
        public int getSMaxConnections() {
            return 0;
        }

        @Override
        public long getTtl() {
            return idleMillis;
        }

        @Override
        public int getMaxQueueSize() {
            return 0;
        }
    }
}
