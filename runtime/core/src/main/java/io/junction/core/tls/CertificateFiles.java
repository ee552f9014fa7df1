package io.junction.core.tls;

import io.junction.core.model.InvalidSpecException;
import io.junction.core.model.ServerCertificate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a server certificate and its key from PEM files or a PKCS#12/JKS keystore, with the JDK only, and refuses
 * anything that would fail a handshake later: unreadable files, no certificate, a key of another format, a key that
 * does not belong to the leaf certificate. Files are named in messages as the script wrote them.
 */
public final class CertificateFiles {

    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    /** SubjectAlternativeName type of a DNS name (RFC 5280). */
    private static final int DNS_NAME = 2;

    private CertificateFiles() {
    }

    /**
     * @param base  the folder relative names are resolved against (conf.d)
     * @param names the server names to be chosen for; empty: the DNS names of the leaf certificate
     */
    public static ServerCertificate pem(Path base, String certFile, String keyFile, List<String> names) {
        String source = "certificate '" + certFile + "' with key '" + keyFile + "'";
        List<X509Certificate> chain = certificates(base, certFile);
        PrivateKey key = pemKey(base, keyFile, chain.isEmpty() ? "RSA" : chain.get(0).getPublicKey().getAlgorithm());
        return checked(source, key, chain, names);
    }

    /** A client certificate (Junction's identity towards mTLS backends): as {@link #pem}, with no server names. */
    public static ServerCertificate clientPem(Path base, String certFile, String keyFile) {
        String source = "client certificate '" + certFile + "' with key '" + keyFile + "'";
        List<X509Certificate> chain = certificates(base, certFile);
        PrivateKey key = pemKey(base, keyFile, chain.get(0).getPublicKey().getAlgorithm());
        return new ServerCertificate(source, paired(source, key, chain), chain, List.of());
    }

    /** The first key entry of a PKCS#12 or JKS keystore (the type is detected from the file). */
    public static ServerCertificate keystore(Path base, String file, String password, List<String> names) {
        String source = "keystore '" + file + "'";
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try {
            KeyStore store = KeyStore.getInstance(existing(base, file).toFile(), secret);
            for (String alias : Collections.list(store.aliases())) {
                Key key = store.getKey(alias, secret);
                if (key instanceof PrivateKey privateKey) {
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate certificate : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) certificate);
                    }
                    return checked(source, privateKey, chain, names);
                }
            }
            throw new InvalidSpecException(source + " holds no private key");
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSpecException(source + " cannot be read (wrong password or not a keystore): " + e.getMessage());
        }
    }

    /** Every certificate of a PEM file (a chain, leaf first), e.g. a CA file. */
    public static List<X509Certificate> certificates(Path base, String file) {
        try (InputStream in = Files.newInputStream(existing(base, file))) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (read.isEmpty()) {
                throw new InvalidSpecException("'" + file + "' holds no certificate");
            }
            return read.stream().map(X509Certificate.class::cast).toList();
        } catch (IOException | CertificateException e) {
            throw new InvalidSpecException("'" + file + "' is not a PEM certificate file: " + e.getMessage());
        }
    }

    private static PrivateKey pemKey(Path base, String file, String algorithm) {
        String text;
        try {
            text = Files.readString(existing(base, file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidSpecException("key '" + file + "' cannot be read: " + e.getMessage());
        }
        Matcher block = PEM_BLOCK.matcher(text);
        if (!block.find()) {
            throw new InvalidSpecException("key '" + file + "' is not a PEM file");
        }
        if (!block.group(1).equals("PRIVATE KEY")) {
            throw new InvalidSpecException("key '" + file + "' is '" + block.group(1) + "'; expected an unencrypted PKCS#8 "
                    + "'PRIVATE KEY' (convert with: openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidSpecException("key '" + file + "' is not a " + algorithm + " private key: " + e.getMessage());
        }
    }

    private static ServerCertificate checked(String source, PrivateKey key, List<X509Certificate> chain, List<String> names) {
        paired(source, key, chain);
        List<String> serverNames = names.isEmpty() ? dnsNames(chain.get(0)) : names;
        if (serverNames.isEmpty()) {
            throw new InvalidSpecException(source + ": the certificate has no DNS names; give them with names: ['example.com']");
        }
        return new ServerCertificate(source, key, chain, serverNames);
    }

    /** The key, once it is known to belong to the chain's leaf. */
    private static PrivateKey paired(String source, PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new InvalidSpecException(source + ": no certificate found");
        }
        X509Certificate leaf = chain.get(0);
        if (!belongTogether(key, leaf)) {
            throw new InvalidSpecException(source + ": the key does not belong to the certificate (" + leaf.getSubjectX500Principal() + ")");
        }
        return key;
    }

    /** A signature by the key that the certificate's public key verifies: works for every key type the JDK signs with. */
    private static boolean belongTogether(PrivateKey key, X509Certificate leaf) {
        if (!key.getAlgorithm().equals(leaf.getPublicKey().getAlgorithm())) {
            return false;
        }
        try {
            String algorithm = switch (key.getAlgorithm()) {
                case "EC" -> "SHA256withECDSA";
                case "RSA" -> "SHA256withRSA";
                default -> key.getAlgorithm();
            };
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<String> dnsNames(X509Certificate leaf) {
        try {
            Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
            if (alternatives == null) {
                return List.of();
            }
            return alternatives.stream().filter(entry -> (Integer) entry.get(0) == DNS_NAME).map(entry -> (String) entry.get(1)).toList();
        } catch (CertificateParsingException e) {
            throw new InvalidSpecException("certificate " + leaf.getSubjectX500Principal() + " has unreadable alternative names");
        }
    }

    private static Path existing(Path base, String file) throws IOException {
        Path path = base.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(file, null, "no such file in " + base.getFileName());
        }
        return path;
    }
}
