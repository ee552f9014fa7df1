package io.junction.e2e.tls

import io.junction.e2e.hardening.StrictFramingSpec
import spock.lang.Shared

import javax.net.ssl.SSLContext
import javax.net.ssl.SSLSocket

/**
 * Every case of {@link StrictFramingSpec} over TLS: the same raw bytes through a real TLS socket (the JDK's, verifying
 * the test root's chain) to an https listener, so that the strict check holds on the decrypted bytes too.
 */
class StrictFramingTlsSpec extends StrictFramingSpec {

    @Shared SSLContext client

    @Override
    String script() {
        client = TestCertificates.loopbackSite(dir)
        """pool('web') { backend '$backend.url' }
https('public', port: 0, bind: '127.0.0.1') {
    $TestCertificates.SITE_CERTIFICATE
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
