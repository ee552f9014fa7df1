package io.junction.e2e.tls

import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import javax.net.ssl.SNIHostName
import javax.net.ssl.SSLContext
import javax.net.ssl.SSLException
import javax.net.ssl.SSLSocket
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.security.cert.X509Certificate
import java.time.Duration
import java.util.concurrent.CompletableFuture

/**
 * https listeners end to end: real TLS clients (the JDK's, openssl, h2load) against certificates made by openssl at
 * test time (root -> intermediate -> server), a real backend behind. On the own engine too: https stays on Undertow
 * there, beside the own engine's plain listener.
 */
class HttpsListenerSpec extends Specification {

    @Shared @TempDir Path keys
    @Shared TestCertificates certificates
    @Shared SSLContext client
    @Shared @AutoCleanup TestBackend backend

    @TempDir Path dir
    @AutoCleanup Junction junction

    def setupSpec() {
        certificates = new TestCertificates(keys)
        certificates.server('alpha', ['alpha.example.com', 'IP:127.0.0.1'])
        certificates.server('beta', ['beta.example.org', '*.beta.example.org'])
        client = certificates.clientContext()
        backend = new TestBackend('web')
    }

    /** Junction with the alpha (default) and beta certificates on 'public-tls', and a plain listener 'public'. */
    void start(String options = '') {
        def confDir = Files.createDirectories(dir.resolve('conf.d'))
        certificates.copyTo(confDir, 'alpha')
        certificates.copyTo(confDir, 'beta')
        junction = new Junction(dir, ['tls.groovy': script(options)])
    }

    String script(String options) {
        """pool('web') { backend '$backend.url' }
https('public-tls', port: 0, bind: '127.0.0.1'$options) {
    certificate cert: 'alpha.pem', key: 'alpha.key'
    certificate cert: 'beta.pem', key: 'beta.key'
    otherwise { forward 'web' }
}
http('public', port: 0, bind: '127.0.0.1') {
    otherwise { forward 'web' }
}
"""
    }

    def "a client asking for #serverName is shown the #expected certificate and its chain, verified for that name"() {
        given:
        start()

        when:
        def socket = handshake(serverName)

        then:
        def chain = socket.session.peerCertificates as List<X509Certificate>
        chain[0] == certificates.leaf(expected)
        chain.size() == 2
        chain[1].subjectX500Principal.name == 'CN=Junction Test Intermediate'
        get(socket, serverName).startsWith('HTTP/1.1 200')

        cleanup:
        socket?.close()

        where:
        serverName             || expected
        'alpha.example.com'    || 'alpha'
        'beta.example.org'     || 'beta'
        'www.beta.example.org' || 'beta'
        'WWW.Beta.Example.ORG' || 'beta'
    }

    def "a client that sends #what gets the first certificate"() {
        given:
        start()

        when:
        def socket = handshake(serverName, false)

        then:
        (socket.session.peerCertificates[0] as X509Certificate) == certificates.leaf('alpha')

        cleanup:
        socket?.close()

        where:
        what                       | serverName
        'no server name'           | null
        'a name no certificate has' | 'gamma.example.net'
        'a name a wildcard does not cover' | 'a.b.beta.example.org'
    }

    def "a #offered client against a listener with protocols #listener: #outcome"() {
        given:
        start(listener ? ", protocols: $listener" : '')

        when:
        def socket = handshake('alpha.example.com', true, offered as String[])

        then:
        socket.session.protocol == outcome

        cleanup:
        socket?.close()

        where:
        listener      | offered                  || outcome
        null          | ['TLSv1.3']              || 'TLSv1.3'
        null          | ['TLSv1.2']              || 'TLSv1.2'
        "['TLSv1.2']" | ['TLSv1.3', 'TLSv1.2']   || 'TLSv1.2'
    }

    def "a TLS 1.2 client is refused by a listener that allows TLS 1.3 only"() {
        given:
        start(", protocols: ['TLSv1.3']")

        when:
        handshake('alpha.example.com', true, ['TLSv1.2'] as String[])

        then:
        thrown(SSLException)
    }

    def "TLS 1.1 is refused by default (openssl s_client, with its own floor lowered so that the server decides)"() {
        given:
        start()

        when:
        def process = new ProcessBuilder('openssl', 's_client', '-connect', "127.0.0.1:${junction.server.port('public-tls')}",
                '-tls1_1', '-cipher', 'DEFAULT:@SECLEVEL=0', '-servername', 'alpha.example.com')
                .redirectErrorStream(true).start()
        process.outputStream.close()
        def output = process.inputStream.text

        then:
        process.waitFor() != 0
        output.contains('alert protocol version')
    }

    def "HTTP/2 by ALPN: #requests concurrent requests of one JDK client on #version when h2 is #h2"() {
        given:
        start(", h2: $h2")
        def http = HttpClient.newBuilder().sslContext(client).version(HttpClient.Version.HTTP_2).build()
        def uri = URI.create("https://127.0.0.1:${junction.server.port('public-tls')}/")

        when:
        def responses = (1..requests).collect {
            http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString())
        }.collect { it.join() }

        then:
        responses*.statusCode().toSet() == [200] as Set
        responses*.body().toSet() == ['web'] as Set
        responses*.version().toSet() == [version] as Set

        where:
        h2    | requests || version
        true  | 100      || HttpClient.Version.HTTP_2
        false | 20       || HttpClient.Version.HTTP_1_1
    }

    def "h2load: 2000 requests, 100 concurrent streams on each of 2 connections, all succeed"() {
        given:
        start()

        when:
        def output = H2load.run("https://127.0.0.1:${junction.server.port('public-tls')}/")

        then:
        output.contains('Application protocol: h2')
        output.contains(H2load.ALL_SUCCEEDED)
    }

    def "a rapid-reset flood gets its connection closed while other clients are served meanwhile"() {
        given:
        start()
        def uri = URI.create("https://127.0.0.1:${junction.server.port('public-tls')}/")
        def http = HttpClient.newBuilder().sslContext(client).version(HttpClient.Version.HTTP_2).build()

        when:
        def flood = CompletableFuture.supplyAsync { RapidResetFlood.floodIsCut(client, junction.server.port('public-tls'), 5000) }
        def during = (1..20).collect { http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()) }

        then:
        flood.join()
        during*.statusCode().toSet() == [200] as Set
    }

    def "after a rapid-reset flood the backend is still up"() {
        given:
        start()
        def uri = URI.create("https://127.0.0.1:${junction.server.port('public-tls')}/")
        def http = HttpClient.newBuilder().sslContext(client).version(HttpClient.Version.HTTP_2).build()

        when:
        RapidResetFlood.floodIsCut(client, junction.server.port('public-tls'), 5000)

        then:
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200
    }

    def "a renewed certificate is served after a reload, while a connection opened before keeps working"() {
        given:
        start()
        def before = handshake('alpha.example.com')
        def old = certificates.leaf('alpha')

        when:
        def renewed = certificates.server('alpha', ['alpha.example.com', 'IP:127.0.0.1'])
        certificates.copyTo(junction.confDir, 'alpha')
        def result = junction.reload([:])

        then:
        result.succeeded()
        renewed.serialNumber != old.serialNumber
        handshake('alpha.example.com').withCloseable { it.session.peerCertificates[0] } == renewed
        get(before, 'alpha.example.com').startsWith('HTTP/1.1 200')

        cleanup:
        before?.close()
    }

    def "a key that does not belong to its certificate refuses the reload at file:line and the running certificate stays"() {
        given:
        start()
        def served = certificates.leaf('alpha')

        when:
        Files.copy(certificates.key('beta'), junction.confDir.resolve('alpha.key'), java.nio.file.StandardCopyOption.REPLACE_EXISTING)
        def result = junction.reload([:])

        then:
        !result.succeeded()
        result.errors().any { it.startsWith('tls.groovy:3:') && it.contains("certificate 'alpha.pem' with key 'alpha.key': the key does not belong") }
        handshake('alpha.example.com').withCloseable { it.session.peerCertificates[0] } == served
    }

    def "hsts: #hsts announces #header on every response"() {
        given:
        start(hsts ? ", hsts: '$hsts'" : '')

        when:
        def socket = handshake('alpha.example.com')
        def response = get(socket, 'alpha.example.com')

        then:
        response.readLines().find { it.startsWith('Strict-Transport-Security:') } == header

        cleanup:
        socket?.close()

        where:
        hsts   || header
        '365d' || 'Strict-Transport-Security: max-age=31536000'
        null   || null
    }

    def "the plain listener beside the https one serves as before"() {
        given:
        start()

        expect:
        junction.get('/').body() == 'web'
    }

    /** A handshake to 'public-tls'; with {@code verify}, the certificate must name {@code serverName} (HTTPS rules). */
    private SSLSocket handshake(String serverName, boolean verify = true, String[] protocols = null) {
        def socket = (SSLSocket) client.socketFactory.createSocket('127.0.0.1', junction.server.port('public-tls'))
        socket.soTimeout = 10_000
        def parameters = socket.SSLParameters
        parameters.serverNames = serverName ? [new SNIHostName(serverName)] : []
        if (verify) {
            parameters.endpointIdentificationAlgorithm = 'HTTPS'
        }
        if (protocols) {
            parameters.protocols = protocols
        }
        socket.SSLParameters = parameters
        socket.startHandshake()
        socket
    }

    /** One HTTP/1.1 GET / on an open TLS connection; the response head and body as text. */
    private static String get(SSLSocket socket, String host) {
        socket.outputStream.write("GET / HTTP/1.1\r\nHost: $host\r\n\r\n".getBytes('US-ASCII'))
        socket.outputStream.flush()
        def input = socket.inputStream
        def text = new StringBuilder()
        while (!(text.toString() =~ /(?s)\r\n\r\n.*web$/)) {
            int b = input.read()
            if (b < 0) {
                break
            }
            text.append((char) b)
        }
        text.toString()
    }
}
