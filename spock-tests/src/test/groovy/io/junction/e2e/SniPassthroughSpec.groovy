package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import javax.net.ssl.SNIHostName
import javax.net.ssl.SSLContext
import javax.net.ssl.SSLException
import javax.net.ssl.SSLSocket
import javax.net.ssl.TrustManagerFactory
import java.nio.file.Path
import java.security.KeyStore

/**
 * TLS passthrough: a tcp listener reads the server name from the ClientHello, picks the pool, and forwards the
 * untouched bytes; a real TLS client checks that the certificate it gets is the one for the name it asked.
 */
class SniPassthroughSpec extends Specification {

    @Shared @TempDir Path keys
    @Shared @AutoCleanup TlsBackend alpha
    @Shared @AutoCleanup TlsBackend beta
    @Shared SSLContext client

    @TempDir Path dir
    @AutoCleanup Junction junction

    def setupSpec() {
        alpha = new TlsBackend(keys, 'alpha.example.com')
        beta = new TlsBackend(keys, 'db.beta.example.org')
        def trusted = KeyStore.getInstance('PKCS12').tap { load(null, null) }
        trusted.setCertificateEntry('alpha', alpha.keyStore.getCertificate('server'))
        trusted.setCertificateEntry('beta', beta.keyStore.getCertificate('server'))
        def trust = TrustManagerFactory.getInstance(TrustManagerFactory.defaultAlgorithm).tap { init(trusted) }
        client = SSLContext.getInstance('TLS').tap { init(null, trust.trustManagers, null) }
    }

    def setup() {
        junction = new Junction(dir, ['tls.groovy': """
pool('alpha') { backend '$alpha.url' }
pool('beta') { backend '$beta.url' }
tcp('tls', port: 0, bind: '127.0.0.1') {
    route(sni: 'alpha.example.com') { forward 'alpha' }
    route(sni: '*.beta.example.org') { forward 'beta' }
}
"""])
    }

    def "a TLS client asking for #serverName gets the certificate for that name and talks to #backend"() {
        expect:
        talk(serverName, 'hello') == "$backend: hello".toString()

        where:
        serverName            || backend
        'alpha.example.com'   || 'alpha.example.com'
        'db.beta.example.org' || 'db.beta.example.org'
        'ALPHA.example.com'   || 'alpha.example.com'
    }

    def "a server name no route takes closes the connection before any backend is involved"() {
        when:
        talk('gamma.example.com', 'hello')

        then:
        thrown(SSLException)
    }

    /** A TLS conversation through the listener that verifies the certificate names {@code serverName}. */
    private String talk(String serverName, String line) {
        def socket = (SSLSocket) client.socketFactory.createSocket('127.0.0.1', junction.server.port('tls'))
        socket.withCloseable {
            it.soTimeout = 10_000
            def parameters = it.SSLParameters
            parameters.serverNames = [new SNIHostName(serverName)]
            parameters.endpointIdentificationAlgorithm = 'HTTPS'
            it.SSLParameters = parameters
            it.outputStream.write("$line\n".getBytes('US-ASCII'))
            it.outputStream.flush()
            it.inputStream.newReader('US-ASCII').readLine()
        }
    }
}
