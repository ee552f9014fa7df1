package io.junction.server.proxy;

import io.junction.core.model.BackendTls;
import io.junction.core.pool.PoolMember;
import io.junction.server.tls.BackendTlsContext;
import io.undertow.Undertow;
import io.undertow.client.UndertowClient;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.handlers.proxy.ConnectionPoolManager;
import io.undertow.server.handlers.proxy.ProxyConnectionPool;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.ssl.XnioSsl;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keep-alive connection pools to backends, one per backend id (and TLS, for https:// ones), shared by every pool and
 * every configuration generation that names the backend, so a reload keeps warm connections.
 */
public final class BackendConnections implements AutoCloseable {

    private final ConcurrentMap<Key, ProxyConnectionPool> pools = new ConcurrentHashMap<>();
    private final UndertowClient client = UndertowClient.getInstance();
    private final OptionMap options = OptionMap.create(Options.TCP_NODELAY, true);
    private final ConnectionPoolManager manager;

    public BackendConnections(int maxConnectionsPerThread, Duration idleTimeout) {
        this.manager = new KeepAlivePolicy(maxConnectionsPerThread, idleTimeout.toMillis());
    }

    /**
     * An https backend's connections are also keyed by its pool's TLS (equal when a reload re-reads the same files),
     * so a renewed CA or client certificate gets new connections and two pools with other TLS never share one.
     */
    private record Key(String backendId, BackendTls tls) {
    }

    ProxyConnectionPool of(PoolMember member, BackendTls tls) {
        URI uri = member.uri();
        if (!"https".equals(uri.getScheme())) {
            return pools.computeIfAbsent(new Key(member.id(), null), key -> new ProxyConnectionPool(manager, uri, client, options));
        }
        return pools.computeIfAbsent(new Key(member.id(), tls),
                key -> new ProxyConnectionPool(manager, uri, ssl(tls, member.id(), uri.getHost()), client, options));
    }

    private static XnioSsl ssl(BackendTls tls, String backendId, String host) {
        return new UndertowXnioSsl(Xnio.getInstance(Undertow.class.getClassLoader()), OptionMap.EMPTY,
                BackendTlsContext.create(tls, backendId, host));
    }

    /** Closes the pools of backends no generation uses any more; their in-flight exchanges finish first. */
    public void retainOnly(Set<String> backendIds) {
        pools.entrySet().removeIf(entry -> {
            if (backendIds.contains(entry.getKey().backendId())) {
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
