package io.junction.e2e.tls

import io.junction.e2e.WebSocketClient
import io.junction.e2e.WebSocketEchoBackend
import io.junction.e2e.WebSocketSpec
import spock.lang.Shared
import spock.lang.TempDir

import java.net.http.HttpClient
import java.nio.file.Files
import java.nio.file.Path

/**
 * Every feature of {@link WebSocketSpec} over wss: the JDK's WebSocket client speaks TLS (verifying the test root's
 * chain) to an https listener, which Undertow serves on either engine, and plain WebSocket to the backend.
 */
class WebSocketTlsSpec extends WebSocketSpec {

    @Shared @TempDir Path keys
    @Shared TestCertificates certificates
    @Shared HttpClient http

    def setupSpec() {
        certificates = new TestCertificates(keys)
        certificates.server('site', ['site.example', 'IP:127.0.0.1'])
        http = HttpClient.newBuilder().sslContext(certificates.clientContext()).build()
    }

    @Override
    void start(WebSocketEchoBackend backend, Map<String, String> settings) {
        certificates.copyTo(Files.createDirectories(dir.resolve('conf.d')), 'site')
        super.start(backend, settings)
    }

    @Override
    String script(WebSocketEchoBackend backend) {
        """pool('web') { backend '$backend.url' }
https('public', port: 0, bind: '127.0.0.1') {
    certificate cert: 'site.pem', key: 'site.key'
    otherwise { forward 'web' }
}
"""
    }

    @Override
    WebSocketClient open() {
        def client = new WebSocketClient(URI.create("wss://127.0.0.1:${junction.server.port('public')}/chat"), http)
        clients << client
        client
    }
}
