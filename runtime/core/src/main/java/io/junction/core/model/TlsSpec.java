package io.junction.core.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What makes an http listener an https one: the certificates (the first is the default, for clients that send no
 * server name or one no certificate names), the TLS versions and cipher suites it accepts, whether it offers HTTP/2
 * by ALPN, and the HSTS max-age it announces ({@code null}: no Strict-Transport-Security header).
 * Built with {@link #builder()}.
 */
public record TlsSpec(List<ServerCertificate> certificates, List<String> protocols, List<String> ciphers, boolean h2,
                      Duration hsts) {

    /** TLS 1.0 and 1.1 are deprecated (RFC 8996). */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * Forward-secret AEAD suites only (Mozilla's "intermediate" list as the JDK names it): the three TLS 1.3 suites,
     * then ECDHE with AES-GCM or ChaCha20-Poly1305 for TLS 1.2. No CBC, no RSA key exchange, no SHA-1 MACs.
     */
    public static final List<String> DEFAULT_CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final List<String> KNOWN_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");

    public TlsSpec {
        certificates = List.copyOf(certificates);
        protocols = List.copyOf(protocols);
        ciphers = List.copyOf(ciphers);
        if (certificates.isEmpty()) {
            throw new InvalidSpecException("an https listener needs a certificate, e.g. certificate cert: 'site.pem', key: 'site.key'");
        }
        if (protocols.isEmpty() || ciphers.isEmpty()) {
            throw new InvalidSpecException("protocols and ciphers must not be empty");
        }
        protocols.stream().filter(p -> !KNOWN_PROTOCOLS.contains(p)).findFirst().ifPresent(unknown -> {
            throw new InvalidSpecException("unknown TLS protocol '" + unknown + "'; known: " + String.join(", ", KNOWN_PROTOCOLS));
        });
        if (hsts != null && (hsts.isNegative() || hsts.isZero())) {
            throw new InvalidSpecException("hsts max-age must be above 0");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: TLS 1.2 and 1.3, {@link #DEFAULT_CIPHERS}, HTTP/2 on, no HSTS. */
    public static final class Builder {

        private final List<ServerCertificate> certificates = new java.util.ArrayList<>();
        private List<String> protocols = DEFAULT_PROTOCOLS;
        private List<String> ciphers = DEFAULT_CIPHERS;
        private boolean h2 = true;
        private Duration hsts;

        private Builder() {
        }

        public Builder certificate(ServerCertificate certificate) {
            certificates.add(Objects.requireNonNull(certificate));
            return this;
        }

        public Builder protocols(List<String> protocols) {
            this.protocols = protocols;
            return this;
        }

        public Builder ciphers(List<String> ciphers) {
            this.ciphers = ciphers;
            return this;
        }

        public Builder h2(boolean h2) {
            this.h2 = h2;
            return this;
        }

        public Builder hsts(Duration maxAge) {
            this.hsts = maxAge;
            return this;
        }

        public TlsSpec build() {
            return new TlsSpec(certificates, protocols, ciphers, h2, hsts);
        }
    }
}
