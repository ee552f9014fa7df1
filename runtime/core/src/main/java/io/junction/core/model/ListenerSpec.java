package io.junction.core.model;

/**
 * Something that accepts connections: where it binds and where it was declared. Each kind says
 * what it does with a connection ({@link HttpListenerSpec}: routes by host and path;
 * {@link TcpListenerSpec}: forwards the bytes to a pool). Port 0 asks
 * the system for a free port (used by tests).
 */
public sealed interface ListenerSpec permits HttpListenerSpec, TcpListenerSpec {

    String DEFAULT_BIND_ADDRESS = "0.0.0.0";

    String name();

    String bindAddress();

    int port();

    SourceLocation location();

    /**
     * What a reload compares to keep a listener bound: its address and port. Port 0 asks for a fresh port every
     * time, so such listeners are kept by name instead.
     */
    default String binding() {
        return port() == 0 ? "name:" + name() : bindAddress() + ":" + port();
    }

    /** @return {@code port} when it is 0..65535 @throws InvalidSpecException otherwise */
    static int requirePort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new InvalidSpecException("listener '" + name + "' port " + port + " is outside 0..65535");
        }
        return port;
    }
}
