package io.junction.server.tls;

import io.junction.core.model.TlsSpec;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import java.security.GeneralSecurityException;

import org.xnio.Options;
import org.xnio.Sequence;

/**
 * How an https listener's Undertow server is set up from its {@link TlsSpec}: the SSLContext with the SNI key
 * manager, the TLS versions and suites, and HTTP/2 with its guards. HTTP/2 defaults: at most
 * {@value #MAX_CONCURRENT_STREAMS} concurrent streams per connection (as nginx), and a connection that resets more
 * than {@value #MAX_RESETS_PER_WINDOW} streams within {@value #RESET_WINDOW_MILLIS} ms is closed (rapid reset,
 * CVE-2023-44487; Undertow's own defaults).
 */
public final class ListenerTls {

    static final int MAX_CONCURRENT_STREAMS = 128;
    static final int MAX_RESETS_PER_WINDOW = 200;
    static final int RESET_WINDOW_MILLIS = 30_000;

    private ListenerTls() {
    }

    /** An SSLContext that serves the spec's certificates; a new one per reload, so renewed files are served. */
    public static SSLContext context(TlsSpec tls) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[]{new SniKeyManager(tls.certificates())}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS: " + e.getMessage(), e);
        }
    }

    /** Adds the https listener and its options to a server being built. */
    public static Undertow.Builder addListener(Undertow.Builder server, TlsSpec tls, int port, String address) {
        return http2(server.addHttpsListener(port, address, context(tls))
                .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(tls.protocols()))
                .setSocketOption(Options.SSL_ENABLED_CIPHER_SUITES, Sequence.of(tls.ciphers())), tls.h2());
    }

    /**
     * HTTP/2 on or off, with its guards: by ALPN on an https listener, in cleartext (h2c: prior knowledge, or an
     * upgrade from HTTP/1.1) on a plain one.
     */
    public static Undertow.Builder http2(Undertow.Builder server, boolean enabled) {
        return server.setServerOption(UndertowOptions.ENABLE_HTTP2, enabled)
                .setServerOption(UndertowOptions.HTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, MAX_CONCURRENT_STREAMS)
                .setServerOption(UndertowOptions.MAX_RST_FRAMES_PER_WINDOW, MAX_RESETS_PER_WINDOW)
                .setServerOption(UndertowOptions.RST_FRAMES_TIME_WINDOW, RESET_WINDOW_MILLIS);
    }
}
