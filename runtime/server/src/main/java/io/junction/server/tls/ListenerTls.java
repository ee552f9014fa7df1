package io.junction.server.tls;

import io.junction.core.model.TlsSpec;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.DelegateOpenListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.AlpnOpenListener;
import io.undertow.server.protocol.http2.Http2OpenListener;
import org.xnio.ChannelListener;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Sequence;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import java.security.GeneralSecurityException;

/**
 * How an https listener is set up from its {@link TlsSpec}, as Undertow's builder would (the listener is bound by
 * {@code http.StrictHttpListener}, so that its HTTP/1 bytes are checked after decryption): the SSLContext with the SNI
 * key manager, the TLS versions and suites, and HTTP/2 by ALPN with its guards. HTTP/2 defaults: at most
 * {@value #MAX_CONCURRENT_STREAMS} concurrent streams per connection (as nginx), and a connection that resets more
 * than {@value #MAX_RESETS_PER_WINDOW} streams within {@value #RESET_WINDOW_MILLIS} ms is closed (rapid reset,
 * CVE-2023-44487; Undertow's own defaults).
 */
public final class ListenerTls {

    public static final int MAX_CONCURRENT_STREAMS = 128;
    /** A whole TLS record with its header, padding and tag (16 KiB of plaintext + up to 325 bytes), as Undertow sizes it. */
    public static final int RECORD_BUFFER_SIZE = 17 * 1024;
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

    /**
     * The TLS side of an https listener's socket: its SSLContext, replaced on reload through {@code updateSSLContext}.
     * Its record buffers come from {@code records} (each at least {@link #RECORD_BUFFER_SIZE}): Undertow's default pool
     * finds its per-thread cache in a synchronized map on every lease, and a TLS connection leases several per request.
     */
    public static UndertowXnioSsl ssl(XnioWorker worker, TlsSpec tls, ByteBufferPool records) {
        return new UndertowXnioSsl(worker.getXnio(), OptionMap.create(Options.USE_DIRECT_BUFFERS, true), records, context(tls));
    }

    /** The listener's TLS versions and suites, as socket options of its accepting channel. */
    public static OptionMap socketOptions(TlsSpec tls) {
        return OptionMap.builder()
                .set(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(tls.protocols()))
                .set(Options.SSL_ENABLED_CIPHER_SUITES, Sequence.of(tls.ciphers()))
                .getMap();
    }

    /**
     * What serves a TLS connection once it is accepted, as Undertow's builder wires it: {@code http1} alone, or with
     * h2 an ALPN listener that hands HTTP/2 connections to Undertow's HTTP/2 server (with its guards) and the others
     * to {@code http1}.
     */
    public static ChannelListener<StreamConnection> openListener(TlsSpec tls, ByteBufferPool buffers, OptionMap serverOptions,
                                                                 HttpHandler root, DelegateOpenListener http1) {
        if (!tls.h2()) {
            return http1;
        }
        OptionMap options = OptionMap.builder().addAll(serverOptions).addAll(http2Options()).getMap();
        Http2OpenListener http2 = new Http2OpenListener(buffers, options);
        http2.setRootHandler(root);
        return new AlpnOpenListener(buffers, options, http1)
                .addProtocol(Http2OpenListener.HTTP2, http2, 10)
                .addProtocol(Http2OpenListener.HTTP2_14, http2, 7);
    }

    /**
     * HTTP/2 on, with its guards: by ALPN on an https listener, in cleartext (h2c: prior knowledge, or an upgrade from
     * HTTP/1.1) on a plain one.
     */
    public static OptionMap http2Options() {
        return OptionMap.builder()
                .set(UndertowOptions.ENABLE_HTTP2, true)
                .set(UndertowOptions.HTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, MAX_CONCURRENT_STREAMS)
                .set(UndertowOptions.MAX_RST_FRAMES_PER_WINDOW, MAX_RESETS_PER_WINDOW)
                .set(UndertowOptions.RST_FRAMES_TIME_WINDOW, RESET_WINDOW_MILLIS)
                .getMap();
    }
}
