package io.junction.api;

import java.net.URI;
import java.time.Duration;

/**
 * The backend one probe is for.
 *
 * @param backendId stable identity of the backend, e.g. {@code http://127.0.0.1:9001}
 * @param uri       where the backend is reached
 * @param timeout   how long the probe may take, from its start
 */
public record Target(String backendId, URI uri, Duration timeout) {

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return uri.getPort();
    }
}
