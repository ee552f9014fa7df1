package io.junction.e2e.tls

import javax.net.ssl.SSLContext
import javax.net.ssl.TrustManagerFactory
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.security.KeyStore
import java.security.cert.CertificateFactory
import java.security.cert.X509Certificate

/**
 * Test certificates made with Debian's openssl at test time, never committed: a root CA, an intermediate CA it signs,
 * and server certificates the intermediate signs (EC P-256, two days). A server's {@code name.pem} is its chain (leaf,
 * then intermediate) and {@code name.key} its unencrypted PKCS#8 key; clients trust the root only.
 */
class TestCertificates {

    final Path dir

    /** What a spec's https listener on loopback needs: {@link #loopbackSite}. */
    static final String SITE_CERTIFICATE = "certificate cert: 'site.pem', key: 'site.key'"

    /**
     * Makes a certificate for the site {@code site.example} and {@code 127.0.0.1} under {@code dir/keys}, copies it to
     * {@code dir/conf.d} as {@code site.pem} and {@code site.key} ({@link #SITE_CERTIFICATE} in a script), and returns
     * a client context that trusts it.
     */
    static SSLContext loopbackSite(Path dir) {
        def certificates = new TestCertificates(Files.createDirectories(dir.resolve('keys')))
        certificates.server('site', ['site.example', 'IP:127.0.0.1'])
        certificates.copyTo(Files.createDirectories(dir.resolve('conf.d')), 'site')
        certificates.clientContext()
    }

    TestCertificates(Path dir) {
        this.dir = dir
        openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
                '-subj', '/CN=Junction Test Root', '-keyout', 'root.key', '-out', 'root.crt',
                '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign')
        signed('intermediate', 'root', '/CN=Junction Test Intermediate', 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign')
    }

    /**
     * A server certificate for {@code names} (DNS SANs; {@code IP:a.b.c.d} for an address) written as {@code file.pem} (chain) and {@code file.key};
     * calling it again with the same file renews it (new key, new serial).
     */
    X509Certificate server(String file, List<String> names) {
        signed(file, 'intermediate', "/CN=${names[0]}", "subjectAltName=${names.collect { it.startsWith('IP:') ? it : "DNS:$it" }.join(',')}\nextendedKeyUsage=serverAuth")
        Files.writeString(pem(file), Files.readString(dir.resolve("${file}.crt")) + Files.readString(dir.resolve('intermediate.crt')))
        leaf(file)
    }

    /** A client certificate (for mTLS) with common name {@code name}, written as {@code file.pem} (chain) and {@code file.key}. */
    X509Certificate client(String file, String name) {
        signed(file, 'intermediate', "/CN=$name", 'extendedKeyUsage=clientAuth')
        Files.writeString(pem(file), Files.readString(dir.resolve("${file}.crt")) + Files.readString(dir.resolve('intermediate.crt')))
        leaf(file)
    }

    /** The root CA certificate, which verifies every certificate made here. */
    Path root() { dir.resolve('root.crt') }

    Path pem(String file) { dir.resolve("${file}.pem") }

    Path key(String file) { dir.resolve("${file}.key") }

    X509Certificate leaf(String file) {
        Files.newInputStream(pem(file)).withCloseable { CertificateFactory.getInstance('X.509').generateCertificate(it) as X509Certificate }
    }

    /** A client context that trusts the root only, so a server must send its chain to be verified. */
    SSLContext clientContext() {
        def trusted = KeyStore.getInstance('PKCS12').tap { load(null, null) }
        Files.newInputStream(root()).withCloseable {
            trusted.setCertificateEntry('root', CertificateFactory.getInstance('X.509').generateCertificate(it))
        }
        def trust = TrustManagerFactory.getInstance(TrustManagerFactory.defaultAlgorithm).tap { init(trusted) }
        SSLContext.getInstance('TLS').tap { init(null, trust.trustManagers, null) }
    }

    /** Copies a server's files into a conf.d under the given names. */
    void copyTo(Path confDir, String file, String as = file) {
        Files.copy(pem(file), confDir.resolve("${as}.pem"), StandardCopyOption.REPLACE_EXISTING)
        Files.copy(key(file), confDir.resolve("${as}.key"), StandardCopyOption.REPLACE_EXISTING)
    }

    private void signed(String file, String issuer, String subject, String extensions) {
        Files.writeString(dir.resolve("${file}.ext"), extensions + '\n')
        openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', subject,
                '-keyout', "${file}.key", '-out', "${file}.csr")
        openssl('x509', '-req', '-in', "${file}.csr", '-CA', "${issuer}.crt", '-CAkey', "${issuer}.key", '-CAcreateserial',
                '-days', '2', '-extfile', "${file}.ext", '-out', "${file}.crt")
    }

    private void openssl(String... args) {
        def process = new ProcessBuilder(['openssl'] + (args as List<String>)).directory(dir.toFile()).redirectErrorStream(true).start()
        def output = process.inputStream.text
        assert process.waitFor() == 0: output
    }
}
