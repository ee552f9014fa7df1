package io.junction.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * A TCP (L4) listener: every connection it accepts is forwarded, bytes untouched, to a backend of
 * one pool ({@code forward}). Routing by TLS server name will add routes in front of it.
 */
public record TcpListenerSpec(String name, String bindAddress, int port, Action.Forward forward, Limits limits,
                              SourceLocation location) implements ListenerSpec {

    public TcpListenerSpec {
        ListenerSpec.requirePort(name, port);
        Objects.requireNonNull(forward, "forward");
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * What one listener allows: a connection with no byte in either direction for {@code idleTimeout} is
     * closed; a connection above {@code maxConnections} open ones is accepted and closed at once.
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
