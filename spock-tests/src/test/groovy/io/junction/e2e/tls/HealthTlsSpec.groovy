package io.junction.e2e.tls

import io.junction.e2e.Junction
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path

/**
 * The http health check against a real https backend: it speaks TLS and verifies the backend as proxying does (the
 * pool's {@code tls}), so a backend whose health path fails goes down and comes back up when it recovers, and a
 * backend whose certificate the pool does not trust never passes.
 */
class HealthTlsSpec extends Specification {

    @Shared @TempDir Path keys
    @Shared @TempDir Path otherKeys
    @Shared TestCertificates certificates
    @Shared TestCertificates otherCa

    @TempDir Path dir
    @AutoCleanup Junction junction
    @AutoCleanup HttpsBackend backend
    def eventually = new PollingConditions(timeout: 30, delay: 0.05)

    def setupSpec() {
        certificates = new TestCertificates(keys)
        certificates.server('api', ['api.internal'])
        otherCa = new TestCertificates(otherKeys)
    }

    void start(String ca) {
        backend = new HttpsBackend(certificates, 'api')
        def confDir = Files.createDirectories(dir.resolve('conf.d'))
        Files.copy(certificates.root(), confDir.resolve('ca.pem'))
        Files.copy(otherCa.root(), confDir.resolve('other-ca.pem'))
        junction = new Junction(dir, ['web.groovy': Junction.onePool("""
    backend 'https://127.0.0.1:$backend.port'
    tls ca: '$ca', serverName: 'api.internal'
    health 'http', path: '/healthz', interval: '1s', timeout: '1s', fall: 1, rise: 1, initial: 'down'""")])
    }

    private def health() {
        junction.server.backend("https://127.0.0.1:$backend.port").get().health()
    }

    def "a backend whose health path fails over TLS goes down, and comes back up when it recovers"() {
        given:
        start('ca.pem')

        expect: 'up once a probe passed over TLS, the server name sent and verified'
        eventually.eventually { assert health().up() }
        health().recent().any { it.reason() == 'status 200' }
        junction.get('/').body() == 'sni=api.internal client=none'

        when: 'its health path fails'
        backend.status = 503

        then:
        eventually.eventually { assert !health().up() }
        health().recent().any { it.reason().startsWith('status 503') }

        when: 'it recovers'
        backend.status = 200

        then:
        eventually.eventually { assert health().up() }
    }

    def "a backend whose certificate the pool's CA does not verify never passes a probe"() {
        given:
        start('other-ca.pem')

        expect: 'probes ran, over TLS, failed on the certificate, and none passed'
        eventually.eventually { assert health().recent().count { it.reason().contains('PKIX') } >= 2 }
        !health().up()
        health().recent().every { !it.passed() }
    }
}
