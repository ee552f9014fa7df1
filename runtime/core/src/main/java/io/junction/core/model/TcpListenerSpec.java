package io.junction.core.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A TCP (L4) listener: every connection it accepts is forwarded, bytes untouched, to a backend of one pool. With
 * {@code routes}, the pool is chosen by the TLS server name (SNI) of the client's first bytes, read without
 * terminating TLS: each route matches one {@link Matcher.Host} and forwards; {@code forward} takes the rest, and
 * when it is null a connection no route matches is closed. With {@code proxyProtocol}, every backend connection starts
 * with a PROXY protocol header naming the client. With {@code acceptProxyFrom}, every client connection must come from
 * one of these ranges (trusted upstream L4 balancers) and start with a PROXY header (v1 or v2), whose client address
 * then stands for the connection's own.
 */
public record TcpListenerSpec(String name, String bindAddress, int port, List<RouteSpec> routes, Action.Forward forward,
                              Limits limits, ProxyProtocol proxyProtocol, List<AddressRange> acceptProxyFrom,
                              SourceLocation location) implements ListenerSpec {

    public TcpListenerSpec {
        ListenerSpec.requirePort(name, port);
        routes = List.copyOf(routes);
        acceptProxyFrom = List.copyOf(acceptProxyFrom);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(proxyProtocol, "proxyProtocol");
        for (RouteSpec route : routes) {
            if (!(route.action() instanceof Action.Forward) || !route.matchers().stream().allMatch(Matcher.Host.class::isInstance)) {
                throw new InvalidSpecException("a tcp route matches a server name and forwards, nothing else");
            }
        }
        if (routes.isEmpty() && forward == null) {
            throw new InvalidSpecException("tcp '" + name + "' forwards nowhere: add forward 'pool' or route(sni: 'name') { forward 'pool' }");
        }
    }

    /** A listener that forwards every connection to one pool. */
    public TcpListenerSpec(String name, String bindAddress, int port, Action.Forward forward, Limits limits, SourceLocation location) {
        this(name, bindAddress, port, List.of(), forward, limits, ProxyProtocol.NONE, List.of(), location);
    }

    /** Whether connections must be read up to the TLS server name before a pool can be chosen. */
    public boolean routesByServerName() {
        return !routes.isEmpty();
    }

    /**
     * The PROXY header a connection to a backend of {@code pool} starts with. As HAProxy's {@code send-proxy} is set
     * per server, the pool decides when it says; the listener's {@code proxyProtocol} is the default for pools that
     * do not (a backend must be set up to expect the header, so the side that names the backend owns the choice).
     */
    public ProxyProtocol proxyProtocolFor(PoolSpec pool) {
        return pool.proxyProtocol() != null ? pool.proxyProtocol() : proxyProtocol;
    }

    /** Whether client connections start with a PROXY header from a trusted balancer. */
    public boolean acceptsProxy() {
        return !acceptProxyFrom.isEmpty();
    }

    /** Whether a connection from {@code peer} may carry a PROXY header: it is in one of the trusted ranges. */
    public boolean trustsProxy(InetAddress peer) {
        return acceptProxyFrom.stream().anyMatch(range -> range.contains(peer));
    }

    /**
     * What one listener allows: a connection with no byte in either direction for {@code idleTimeout} is
     * closed; at {@code maxConnections} open ones the listener stops accepting until one ends.
     */
    public record Limits(Duration idleTimeout, int maxConnections) {

        /** As nginx stream's proxy_timeout; the connection limit keeps a burst from exhausting file descriptors. */
        public static final Limits DEFAULTS = new Limits(Duration.ofMinutes(10), 10_000);

        public Limits {
            if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new InvalidSpecException("tcp idleTimeout must be above 0");
            }
            if (maxConnections < 1) {
                throw new InvalidSpecException("tcp maxConnections: got " + maxConnections + ", expected a whole number of at least 1");
            }
        }
    }
}
