package io.junction.api;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.time.Duration;

/**
 * The backend one probe is for.
 *
 * @param backendId stable identity of the backend, e.g. {@code http://127.0.0.1:9001}
 * @param uri       where the backend is reached
 * @param timeout   how long the probe may take, from its start
 * @param tls       for an https:// backend, the TLS client that proxying uses for it (the pool's {@code tls ca:},
 *                  serverName and client certificate): an engine it creates is set up for the backend (server name
 *                  sent and verified), and a socket takes that engine's peer host and parameters; {@code null} for
 *                  a plain backend
 */
public record Target(String backendId, URI uri, Duration timeout, SSLContext tls) {

    /** A plain backend's target. */
    public Target(String backendId, URI uri, Duration timeout) {
        this(backendId, uri, timeout, null);
    }

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return uri.getPort();
    }
}
