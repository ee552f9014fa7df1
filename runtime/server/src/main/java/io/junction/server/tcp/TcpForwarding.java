package io.junction.server.tcp;

import io.junction.core.forward.UpstreamPolicy;
import io.junction.core.model.TcpListenerSpec;
import io.junction.core.pool.Pool;

/**
 * What one generation forwards a tcp listener's new connections with: the pool, how to connect to its backends, and
 * the listener's limits. A connection keeps the forwarding it was accepted with until it closes.
 */
public record TcpForwarding(Pool pool, UpstreamPolicy policy, TcpListenerSpec.Limits limits) {
}
