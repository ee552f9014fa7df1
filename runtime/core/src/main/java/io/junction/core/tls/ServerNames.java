package io.junction.core.tls;

import io.junction.core.model.ServerCertificate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which certificate answers a TLS server name (SNI): those naming it exactly, then those whose wildcard covers it
 * ({@code *.example.com} covers one more label, {@code a.example.com} but not {@code example.com} or
 * {@code a.b.example.com}, as RFC 6125 says), then every other one in declaration order, the first of which is the
 * default for clients that send no name. The caller takes the first one whose key suits the handshake.
 */
public final class ServerNames {

    private ServerNames() {
    }

    /** @param serverName the name the client asked for, or {@code null} when it sent none */
    public static List<ServerCertificate> candidates(List<ServerCertificate> certificates, String serverName) {
        if (serverName == null) {
            return certificates;
        }
        String name = serverName.toLowerCase(Locale.ROOT);
        List<ServerCertificate> ordered = new ArrayList<>();
        certificates.stream().filter(c -> c.names().contains(name)).forEach(ordered::add);
        certificates.stream().filter(c -> !ordered.contains(c) && c.names().stream().anyMatch(n -> coversByWildcard(n, name)))
                .forEach(ordered::add);
        certificates.stream().filter(c -> !ordered.contains(c)).forEach(ordered::add);
        return ordered;
    }

    static boolean coversByWildcard(String pattern, String name) {
        if (!pattern.startsWith("*.")) {
            return false;
        }
        int firstDot = name.indexOf('.');
        return firstDot > 0 && name.substring(firstDot).equals(pattern.substring(1));
    }
}
