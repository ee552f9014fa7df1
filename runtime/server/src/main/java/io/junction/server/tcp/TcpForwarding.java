package io.junction.server.tcp;

import io.junction.core.forward.UpstreamPolicy;
import io.junction.core.model.Action;
import io.junction.core.model.ProxyProtocol;
import io.junction.core.model.RouteSpec;
import io.junction.core.model.TcpListenerSpec;
import io.junction.core.pool.Pool;
import io.junction.core.routing.RouteTable;

import java.util.function.Function;

/**
 * What one generation forwards a tcp listener's new connections with: the pool for each TLS server name (or the one
 * pool, when the listener has no routes), how to connect to its backends and whether they are told who the client is
 * (PROXY protocol), and the listener's limits and trusted balancers. A connection keeps the forwarding it was accepted
 * with until it closes.
 */
public record TcpForwarding(RouteTable<Target> targets, TcpListenerSpec listener) {

    /** A pool, how to connect to its backends and the PROXY header they expect. */
    public record Target(Pool pool, UpstreamPolicy policy, ProxyProtocol proxyProtocol) {
    }

    public static TcpForwarding of(TcpListenerSpec listener, Function<String, Pool> pools, Function<Pool, UpstreamPolicy> policies) {
        Function<RouteSpec, Target> target = route -> {
            Pool pool = pools.apply(((Action.Forward) route.action()).pool());
            return new Target(pool, policies.apply(pool), listener.proxyProtocolFor(pool.spec()));
        };
        Action.Forward rest = listener.forward();
        RouteSpec otherwise = rest == null ? null : RouteSpec.catchAll(rest, rest.location());
        RouteTable<Target> targets = RouteTable.compile(listener.routes(), otherwise, target);
        return new TcpForwarding(targets, listener);
    }

    TcpListenerSpec.Limits limits() {
        return listener.limits();
    }
}
