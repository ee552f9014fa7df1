package io.junction.core.model;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * One certificate an https listener can present: its private key, its chain (leaf first) as read from {@code source}
 * (the file names as the script wrote them, for messages), and the server names (exact or {@code *.suffix}) it is
 * chosen for by SNI. Loaded by {@link io.junction.core.tls.CertificateFiles}, which checks that the key belongs to
 * the leaf.
 */
public record ServerCertificate(String source, PrivateKey key, List<X509Certificate> chain, List<String> names) {

    public ServerCertificate {
        chain = List.copyOf(chain);
        names = names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        if (chain.isEmpty()) {
            throw new InvalidSpecException(source + ": no certificate found");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }
}
