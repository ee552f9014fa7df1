package io.junction.server.tcp;

import io.junction.api.RequestView;

import java.net.InetSocketAddress;

/**
 * A tcp connection as a balancer sees it: only the client's address (for client-ip affinity); there is no method,
 * host, path or header to route or hash on.
 */
record ConnectionView(String remoteAddress) implements RequestView {

    static ConnectionView of(InetSocketAddress client) {
        return new ConnectionView(client == null ? "" : client.getAddress().getHostAddress());
    }

    @Override
    public String method() {
        return "";
    }

    @Override
    public String host() {
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
