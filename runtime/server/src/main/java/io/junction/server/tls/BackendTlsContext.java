package io.junction.server.tls;

import io.junction.core.model.BackendTls;
import io.junction.core.model.ServerCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of TLS to one https:// backend, from its pool's {@link BackendTls}: every engine is made for the
 * server name (its peer host, which Undertow's client verifies the certificate for: endpoint identification HTTPS)
 * and sends it by SNI, trusting the pool's CA certificates (else the JDK's trust store) and showing the pool's client
 * certificate to a backend that asks. A refused certificate is logged with the backend and the reason, at most once
 * per backend every {@value #LOG_EVERY_SECONDS} s; the request then fails as a connect failure (502).
 */
public final class BackendTlsContext {

    private static final Logger log = LoggerFactory.getLogger(BackendTlsContext.class);
    private static final long LOG_EVERY_SECONDS = 10;
    private static final char[] IN_MEMORY = new char[0];

    private BackendTlsContext() {
    }

    /** @param host the backend's host as its address writes it (an IPv6 literal in brackets) */
    public static SSLContext create(BackendTls tls, String backendId, String host) {
        String serverName = tls.serverNameFor(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager trust = new LoggingTrustManager(jdkTrustManager(tls.trusted()), backendId, serverName);
            context.init(keyManagers(tls.clientCertificate()), new TrustManager[]{trust}, null);
            return new ServerNameContext(context, serverName);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK cannot make a TLS client for " + backendId + ": " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager jdkTrustManager(List<X509Certificate> trusted)
            throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trusted.isEmpty()) {
            factory.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                store.setCertificateEntry("ca-" + i, trusted.get(i));
            }
            factory.init(store);
        }
        return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
    }

    private static KeyManager[] keyManagers(ServerCertificate client) throws GeneralSecurityException, IOException {
        if (client == null) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", client.key(), IN_MEMORY, client.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY);
        return factory.getKeyManagers();
    }

    private static boolean isAddress(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /** An initialised context whose engines are all for {@code serverName}, whatever host Undertow passes. */
    private static final class ServerNameContext extends SSLContext {
        ServerNameContext(SSLContext context, String serverName) {
            super(new ServerNameSpi(context, serverName), context.getProvider(), context.getProtocol());
        }
    }

    private static final class ServerNameSpi extends SSLContextSpi {
        private final SSLContext context;
        private final String serverName;

        ServerNameSpi(SSLContext context, String serverName) {
            this.context = context;
            this.serverName = serverName;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
            throw new UnsupportedOperationException("initialised once, when made");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return forServerName(context.createSSLEngine(serverName, -1));
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return forServerName(context.createSSLEngine(serverName, port));
        }

        private SSLEngine forServerName(SSLEngine engine) {
            SSLParameters parameters = engine.getSSLParameters();
            // SNI carries host names only (RFC 6066)
            parameters.setServerNames(isAddress(serverName) ? List.of() : List.of(new SNIHostName(serverName)));
            // the certificate must name it (Undertow's client asks for this too; a health check's socket copies it)
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
            return engine;
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return context.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return context.getServerSocketFactory();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return context.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return context.getClientSessionContext();
        }
    }

    private interface Verdict {
        void check() throws CertificateException;
    }

    /** The JDK's verdict, with a log line when it refuses a backend's certificate. */
    private static final class LoggingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager jdk;
        private final String backendId;
        private final String serverName;
        private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS));

        LoggingTrustManager(X509ExtendedTrustManager jdk, String backendId, String serverName) {
            this.jdk = jdk;
            this.backendId = backendId;
            this.serverName = serverName;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            logRefusal(() -> jdk.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            logRefusal(() -> jdk.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            logRefusal(() -> jdk.checkServerTrusted(chain, authType));
        }

        private void logRefusal(Verdict verdict) throws CertificateException {
            try {
                verdict.check();
            } catch (CertificateException e) {
                refused(e);
                throw e;
            }
        }

        private void refused(CertificateException e) {
            long now = System.nanoTime();
            long last = lastLogged.get();
            if (now - last >= TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS) && lastLogged.compareAndSet(last, now)) {
                log.warn("backend {}: TLS certificate refused for '{}': {}", backendId, serverName, e.getMessage());
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            jdk.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            jdk.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            jdk.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return jdk.getAcceptedIssuers();
        }
    }
}
