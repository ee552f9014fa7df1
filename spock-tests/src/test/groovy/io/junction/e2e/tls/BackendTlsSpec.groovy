package io.junction.e2e.tls

import io.junction.e2e.Junction
import io.junction.server.testing.LogCapture
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path

/**
 * https:// backends end to end: real TLS backends (JDK server sockets) with certificates openssl makes at test time
 * under a test root CA, a plain listener in front. On the own engine such a listener is served by Undertow's.
 */
class BackendTlsSpec extends Specification {

    @Shared @TempDir Path keys
    @Shared @TempDir Path otherKeys
    @Shared TestCertificates certificates
    @Shared TestCertificates otherCa
    @Shared @AutoCleanup HttpsBackend byAddress
    @Shared @AutoCleanup HttpsBackend byName
    @Shared @AutoCleanup HttpsBackend mutual

    @TempDir Path dir
    @AutoCleanup Junction junction

    @AutoCleanup LogCapture log = LogCapture.of('io.junction.server.tls.BackendTlsContext')

    def setupSpec() {
        certificates = new TestCertificates(keys)
        certificates.server('by-address', ['IP:127.0.0.1'])
        certificates.server('by-name', ['api.internal'])
        certificates.client('client', 'junction-client')
        otherCa = new TestCertificates(otherKeys)
        byAddress = new HttpsBackend(certificates, 'by-address')
        byName = new HttpsBackend(certificates, 'by-name')
        mutual = new HttpsBackend(certificates, 'by-address', true)
    }

    void start(HttpsBackend backend, String tls) {
        def confDir = Files.createDirectories(dir.resolve('conf.d'))
        Files.copy(certificates.root(), confDir.resolve('ca.pem'))
        Files.copy(otherCa.root(), confDir.resolve('other-ca.pem'))
        certificates.copyTo(confDir, 'client')
        junction = new Junction(dir, ['tls.groovy': script(backend, tls)])
    }

    static String script(HttpsBackend backend, String tls) {
        Junction.onePool("    backend 'https://127.0.0.1:$backend.port'\n    eject failures: 0\n" + (tls ? "    tls $tls\n" : ''))
    }

    def "a backend with a certificate for #names, pool tls #tls: #status #body"() {
        given:
        start(names == 'api.internal' ? byName : byAddress, tls)

        when:
        def response = junction.get('/')

        then:
        response.statusCode() == status
        response.body().startsWith(body)

        where:
        names          | tls                                           || status | body
        '127.0.0.1'    | "ca: 'ca.pem'"                                || 200    | 'sni=none client=none'
        'api.internal' | "ca: 'ca.pem', serverName: 'api.internal'"    || 200    | 'sni=api.internal client=none'
        '127.0.0.1'    | null                                          || 502    | 'bad gateway'
        '127.0.0.1'    | "ca: 'other-ca.pem'"                          || 502    | 'bad gateway'
        'api.internal' | "ca: 'ca.pem', serverName: 'web.internal'"    || 502    | 'bad gateway'
        'api.internal' | "ca: 'ca.pem'"                                || 502    | 'bad gateway'
    }

    def "a refused certificate is logged with the backend and the reason: #reason"() {
        given:
        start(backend == 'by-name' ? byName : byAddress, tls)
        def port = (backend == 'by-name' ? byName : byAddress).port

        when:
        junction.get('/')

        then:
        new PollingConditions(timeout: 10).eventually {
            assert log.lines.any { it.startsWith("backend https://127.0.0.1:$port: TLS certificate refused for '$name'") && it.contains(reason) }
        }

        where:
        backend      | tls                                        || name           | reason
        'by-address' | "ca: 'other-ca.pem'"                       || '127.0.0.1'    | 'PKIX path'
        'by-name'    | "ca: 'ca.pem', serverName: 'web.internal'" || 'web.internal' | 'web.internal'
    }

    def "a backend that requires a client certificate gets #expected when the pool has #tls"() {
        given:
        start(mutual, tls)

        when:
        def response = junction.get('/')

        then:
        response.statusCode() == status
        response.body().startsWith(expected)

        where:
        tls                                                     || status | expected
        "ca: 'ca.pem', cert: 'client.pem', key: 'client.key'"   || 200    | 'sni=none client=CN=junction-client'
        "ca: 'ca.pem'"                                          || 502    | 'bad gateway'
    }

    def "a bad tls file refuses the reload at file:line: #what, and the running pool keeps serving"() {
        given:
        start(byAddress, "ca: 'ca.pem'")

        when:
        def result = junction.reload(['tls.groovy': script(byAddress, tls)])

        then:
        !result.succeeded()
        result.errors().any { it.startsWith('tls.groovy:4:') && it.contains(message) }
        junction.get('/').statusCode() == 200

        where:
        what                       | tls                                                    || message
        'a missing CA file'        | "ca: 'missing.pem'"                                    || 'missing.pem'
        'a key of another cert'    | "ca: 'ca.pem', cert: 'client.pem', key: 'ca.pem'"      || "key 'ca.pem'"
        'a cert without its key'   | "ca: 'ca.pem', cert: 'client.pem'"                     || 'tls takes cert: and key: together'
    }
}
