package io.junction.core.model;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How Junction speaks TLS to the {@code https://} backends of a pool ({@code tls ca: .., serverName: .., cert: ..,
 * key: ..} in the pool block). The backend's certificate is always verified, for the server name, which is also sent
 * by SNI. Files are read by {@link io.junction.core.tls.CertificateFiles} when the script compiles, so a reload
 * re-reads them and a bad one is refused at its line.
 *
 * @param trusted           the CA certificates a backend's chain must lead to; empty: the JDK's trust store
 * @param serverName        the name sent and verified; {@code null}: each backend's own host (an IP address is
 *                          verified but not sent, as SNI carries host names only)
 * @param clientCertificate the certificate shown to a backend that asks for one (mTLS), or {@code null}
 */
public record BackendTls(List<X509Certificate> trusted, String serverName, ServerCertificate clientCertificate) {

    /** Host-name syntax (RFC 1123 labels), nothing resolved. */
    private static final Pattern HOST_NAME =
            Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    /** The JDK's trust store, each backend's host, no client certificate. */
    public static final BackendTls DEFAULTS = new BackendTls(List.of(), null, null);

    public BackendTls {
        trusted = List.copyOf(trusted);
        if (serverName != null && (serverName.length() > 253 || !HOST_NAME.matcher(serverName).matches())) {
            throw new InvalidSpecException("tls serverName '" + serverName + "' is not a host name, e.g. api.internal");
        }
    }

    /** The name a backend at {@code host} is asked for and verified against. */
    public String serverNameFor(String host) {
        return serverName != null ? serverName : host;
    }
}
