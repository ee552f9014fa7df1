package io.junction.e2e.tls

import io.junction.e2e.hardening.StrictFramingSpec
import spock.lang.Shared

import javax.net.ssl.SSLContext
import javax.net.ssl.SSLSocket
import java.nio.file.Files

/**
 * Every case of {@link StrictFramingSpec} over TLS: the same raw bytes through a real TLS socket (the JDK's, verifying
 * the test root's chain) to an https listener, so that the strict check holds on the decrypted bytes too.
 */
class StrictFramingTlsSpec extends StrictFramingSpec {

    @Shared SSLContext client

    @Override
    String script() {
        def certificates = new TestCertificates(Files.createDirectories(dir.resolve('keys')))
        certificates.server('site', ['site.example', 'IP:127.0.0.1'])
        certificates.copyTo(Files.createDirectories(dir.resolve('conf.d')), 'site')
        client = certificates.clientContext()
        """pool('web') { backend '$backend.url' }
https('public', port: 0, bind: '127.0.0.1') {
    certificate cert: 'site.pem', key: 'site.key'
    otherwise { forward 'web' }
}
"""
    }

    @Override
    Socket connect() {
        def socket = (SSLSocket) client.socketFactory.createSocket('127.0.0.1', junction.server.port('public'))
        socket.startHandshake()
        socket
    }
}
