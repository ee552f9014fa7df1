package io.junction.server.resolve;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How a backend's host name becomes an address. It blocks, so only {@link BackendAddresses} calls it, on its own
 * threads. Production uses the JDK's resolver ({@link #SYSTEM}: /etc/hosts, then DNS); an embedding application or a
 * test can give {@code JunctionServer.Builder.hostResolver} its own, e.g. names it controls without touching /etc/hosts.
 */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getByName;

    /** @throws UnknownHostException when the name does not resolve */
    InetAddress resolve(String host) throws UnknownHostException;
}
