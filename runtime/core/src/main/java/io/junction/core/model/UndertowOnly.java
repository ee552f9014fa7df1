package io.junction.core.model;

import java.util.stream.Stream;

/**
 * The http listeners only Undertow's engine can serve yet, so that with {@code junction.http.engine=own} the own
 * engine leaves them to it: TLS on either side, i.e. https listeners and listeners that forward to a pool of
 * https:// backends (the own engine has no TLS yet), and HTTP/2 in cleartext (h2c; the own engine speaks HTTP/1.1).
 */
public final class UndertowOnly {

    private UndertowOnly() {
    }

    public static boolean serves(HttpListenerSpec listener, Config config) {
        return listener.isHttps() || listener.h2c() || Stream.concat(listener.routes().stream(), Stream.of(listener.otherwise()))
                .flatMap(route -> route.action().pools().stream())
                .map(config.pools()::get)
                .anyMatch(pool -> pool != null && pool.backends().stream()
                        .anyMatch(backend -> backend.address().scheme() == BackendAddress.Scheme.HTTPS));
    }
}
