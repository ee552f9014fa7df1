package io.junction.e2e.tls

import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * HTTP/2 in cleartext on a plain listener, opt-in with {@code h2c: true}: real clients (curl, h2load) speak it with
 * prior knowledge. On the own engine such a listener is served by Undertow's.
 */
class H2cSpec extends Specification {

    @Shared @AutoCleanup TestBackend backend = new TestBackend('web')

    @TempDir Path dir
    @AutoCleanup Junction junction

    void start(String options) {
        junction = new Junction(dir, ['h2c.groovy': """pool('web') { backend '$backend.url' }
http('public', port: 0, bind: '127.0.0.1'$options) {
    otherwise { forward 'web' }
}
"""])
    }

    def "curl #flag against a listener with '#options' gets HTTP/#version"() {
        given:
        start(options)

        when:
        def process = new ProcessBuilder('curl', '-s', '--max-time', '20', flag, '-w', '\n%{http_version} %{http_code}',
                "http://127.0.0.1:${junction.server.port('public')}/").redirectErrorStream(true).start()
        def lines = process.inputStream.text.readLines()
        process.waitFor()

        then: "'none': not HTTP/2 (curl gets no answer it understands)"
        version == 'none' ? lines != ['web', '2 200'] : lines == ['web', "$version 200".toString()]

        where:
        flag                      | options        || version
        '--http2-prior-knowledge' | ', h2c: true'  || '2'
        '--http2-prior-knowledge' | ''             || 'none'
        '--http2-prior-knowledge' | ', h2c: false' || 'none'
        '--http2'                 | ', h2c: true'  || '2'
        '--http2'                 | ''             || '1.1'
    }

    def "h2load over cleartext: 2000 requests, 100 concurrent streams on each of 2 connections, all succeed"() {
        given:
        start(', h2c: true')

        when:
        def output = H2load.run("http://127.0.0.1:${junction.server.port('public')}/")

        then:
        output.contains('Application protocol: h2c')
        output.contains(H2load.ALL_SUCCEEDED)
    }

    def "an HTTP/1.1 client is still served HTTP/1.1 by an h2c listener"() {
        given:
        start(', h2c: true')

        when:
        def response = junction.get('/')

        then:
        response.body() == 'web'
        response.version() == java.net.http.HttpClient.Version.HTTP_1_1
    }
}
