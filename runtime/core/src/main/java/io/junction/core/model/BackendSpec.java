package io.junction.core.model;

import java.net.URI;

/** One backend of a pool: an {@code http://host:port} address and a relative weight (>= 1). */
public record BackendSpec(URI uri, int weight, SourceLocation location) {

    /** Identity of the backend across pools and reloads; host names are case-insensitive. */
    public String id() {
        return uri.getScheme() + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + uri.getPort();
    }
}
