package io.junction.server.tcp;

import io.junction.api.RequestView;

import java.net.InetSocketAddress;

/**
 * A tcp connection as routes and balancers see it: the client's address (for client-ip affinity) and, as its host,
 * the TLS server name it asked for (empty when it did not, or was not read); there is no method, path or header.
 */
record ConnectionView(String remoteAddress, String host) implements RequestView {

    static ConnectionView of(InetSocketAddress client, String serverName) {
        return new ConnectionView(client == null ? "" : client.getAddress().getHostAddress(), serverName);
    }

    @Override
    public String method() {
        return "";
    }

    @Override
    public String path() {
        return "/";
    }

    @Override
    public String query() {
        return "";
    }

    @Override
    public String header(String name) {
        return null;
    }
}
