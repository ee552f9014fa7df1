package io.junction.server.tls;

import io.junction.core.model.ServerCertificate;
import io.junction.core.tls.ServerNames;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The server side of a handshake: answers with the certificate {@link ServerNames} puts first for the client's
 * server name among those whose key suits the handshake's signature (an EC and an RSA certificate for one name both
 * work). An alias is the certificate's index in the listener's list. Server side only.
 */
final class SniKeyManager extends X509ExtendedKeyManager {

    private final List<ServerCertificate> certificates;

    SniKeyManager(List<ServerCertificate> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return IntStream.range(0, certificates.size()).filter(i -> suits(certificates.get(i), keyType))
                .mapToObj(String::valueOf).toArray(String[]::new);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return certificate(alias).chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return certificate(alias).key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return null;
    }

    private String choose(String keyType, SSLSession handshake) {
        return ServerNames.candidates(certificates, serverName(handshake)).stream()
                .filter(certificate -> suits(certificate, keyType))
                .findFirst()
                .map(certificate -> String.valueOf(certificates.indexOf(certificate)))
                .orElse(null);
    }

    private ServerCertificate certificate(String alias) {
        return certificates.get(Integer.parseInt(alias));
    }

    private static String serverName(SSLSession handshake) {
        if (!(handshake instanceof ExtendedSSLSession extended)) {
            return null;
        }
        for (SNIServerName name : extended.getRequestedServerNames()) {
            if (name instanceof SNIHostName host) {
                return host.getAsciiName();
            }
        }
        return null;
    }

    private static boolean suits(ServerCertificate certificate, String keyType) {
        return certificate.key().getAlgorithm().equals(keyType);
    }
}
