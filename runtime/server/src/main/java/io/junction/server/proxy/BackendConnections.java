package io.junction.server.proxy;

import io.junction.core.model.BackendTls;
import io.junction.core.pool.PoolMember;
import io.junction.server.resolve.BackendAddresses;
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

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keep-alive connection pools to backends, one per backend id (and TLS, for https:// ones), shared by every pool and
 * every configuration generation that names the backend, so a reload keeps warm connections. A pool connects to the
 * address {@link BackendAddresses} holds for the backend, so Undertow never looks a name up on an I/O thread; when a
 * refresh finds a new address, the next connect gets a new pool and the old one is closed.
 */
public final class BackendConnections implements AutoCloseable {

    private final ConcurrentMap<Key, Connections> pools = new ConcurrentHashMap<>();
    private final BackendAddresses addresses;
    private final UndertowClient client = UndertowClient.getInstance();
    private final OptionMap options = OptionMap.create(Options.TCP_NODELAY, true);
    private final ConnectionPoolManager manager;
    private final BackendLinks links;

    public BackendConnections(int maxConnectionsPerThread, Duration idleTimeout, BackendAddresses addresses) {
        this.manager = new KeepAlivePolicy(maxConnectionsPerThread, idleTimeout.toMillis());
        this.addresses = addresses;
        this.links = new BackendLinks(maxConnectionsPerThread, idleTimeout, addresses);
    }

    /** The own backend side's connections, under the same limits (temporary, while both paths exist). */
    public BackendLinks links() {
        return links;
    }

    /**
     * An https backend's connections are also keyed by its pool's TLS (equal when a reload re-reads the same files),
     * so a renewed CA or client certificate gets new connections and two pools with other TLS never share one.
     */
    private record Key(String backendId, BackendTls tls) {
    }

    /** A backend's pool and the address it connects to. */
    private record Connections(InetSocketAddress address, ProxyConnectionPool pool) {
    }

    /** On an I/O thread: the pool to the backend's current address, or {@code null} while its name has not resolved. */
    ProxyConnectionPool of(PoolMember member, BackendTls tls) {
        URI backend = member.uri();   // built on each call: once per request is enough
        InetSocketAddress address = addresses.of(backend);
        if (address == null) {
            return null;
        }
        boolean https = "https".equals(backend.getScheme());
        Key key = new Key(member.id(), https ? tls : null);
        Connections current = pools.get(key);
        if (current != null && current.address().equals(address)) {
            return current.pool();
        }
        return pools.compute(key, (k, old) -> {
            if (old != null && old.address().equals(address)) {
                return old;
            }
            if (old != null) {
                old.pool().close();
            }
            URI uri = URI.create(backend.getScheme() + "://" + hostPort(address));
            // the TLS engine is made for the name as written: SNI and certificate checks do not see the address
            return new Connections(address, https ? new ProxyConnectionPool(manager, uri, ssl(tls, member.id(), backend.getHost()), client, options)
                    : new ProxyConnectionPool(manager, uri, client, options));
        }).pool();
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
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
            entry.getValue().pool().close();
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
