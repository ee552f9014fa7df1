package io.junction.e2e.hardening

import io.junction.e2e.Junction
import io.junction.e2e.RawHttp
import io.junction.e2e.RecordingBackend
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.charset.StandardCharsets
import java.nio.file.Path
import java.util.concurrent.atomic.AtomicInteger

/**
 * What a backend receives as forwarding fields (docs/hardening.md, "Forwarding headers"), on both engines.
 * Clients connect from two loopback addresses: 127.0.0.2 is a trusted proxy of the listener 'trusting',
 * 127.0.0.1 is nobody's.
 */
class ForwardedHeadersSpec extends Specification {

    static final String PROXY = '127.0.0.2'
    static final String CLIENT = '127.0.0.1'
    static final AtomicInteger CASES = new AtomicInteger()

    @Shared @TempDir Path dir
    @Shared @AutoCleanup('close') RecordingBackend backend = new RecordingBackend()
    @Shared @AutoCleanup('close') Junction junction

    def setupSpec() {
        junction = new Junction(dir, ['web.groovy': """
            pool('web') { backend '$backend.url' }
            http('plain', port: 0, bind: '127.0.0.1') {
                otherwise { forward 'web' }
            }
            http('trusting', port: 0, bind: '127.0.0.1', trustedProxies: ['$PROXY', '10.0.0.0/8'], forwarded: true) {
                route(client: '198.51.100.0/24') { respond 200, 'documentation net' }
                otherwise { forward 'web' }
            }
        """])
    }

    /** What one request from {@code from} got, and the head the backend read for it (fields by lower-case name). */
    private static class Sent {
        RawHttp.Response response
        Map<String, List<String>> fields
        int clientPort

        String field(String name) { fields?.get(name)?.join(' | ') }
    }

    private Sent send(String listener, String from, String... lines) {
        String mark = "X-Case: ${CASES.incrementAndGet()}"
        String head = ((lines as List) + [mark, 'Connection: close']).join('\r\n') + '\r\n\r\n'
        new Socket().withCloseable { socket ->
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0))
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), junction.server.port(listener)))
            socket.soTimeout = 10_000
            socket.outputStream.write(head.getBytes(StandardCharsets.ISO_8859_1))
            def response = RawHttp.parse(socket.inputStream.readAllBytes())
            String seen = backend.received.find { it.contains(mark) }
            new Sent(response: response, fields: seen == null ? null : fields(seen), clientPort: socket.localPort)
        }
    }

    private static Map<String, List<String>> fields(String head) {
        Map<String, List<String>> fields = [:]
        head.split('\r\n').drop(1).findAll { it.contains(':') }.each { line ->
            int colon = line.indexOf(':')
            fields.computeIfAbsent(line.substring(0, colon).toLowerCase()) { [] } << line.substring(colon + 1).trim()
        }
        fields
    }

    def "#listener from #from with #sent: X-Forwarded-For '#xff', X-Real-IP #realIp"() {
        when:
        def result = send(listener, from, (['GET / HTTP/1.1', 'Host: a'] + sent) as String[])

        then:
        result.response.status == 200
        result.field('x-forwarded-for') == xff
        result.field('x-real-ip') == realIp
        result.field('forwarded') == forwarded?.replace('PORT', result.clientPort as String)

        where:
        listener   | from   | sent                                                          || xff                                   | realIp          | forwarded
        'plain'    | CLIENT | []                                                            || CLIENT                                | CLIENT          | null
        'plain'    | CLIENT | ['X-Forwarded-For: 6.6.6.6', 'X-Real-IP: 6.6.6.6', 'Forwarded: for=6.6.6.6'] || CLIENT     | CLIENT          | null
        'trusting' | CLIENT | ['X-Forwarded-For: 6.6.6.6', 'Forwarded: for=6.6.6.6']        || CLIENT                                | CLIENT          | 'for="127.0.0.1:PORT";host=a;proto=http'
        'trusting' | PROXY  | []                                                            || PROXY                                 | PROXY           | 'for="127.0.0.2:PORT";host=a;proto=http'
        'trusting' | PROXY  | ['X-Forwarded-For: 203.0.113.7']                              || '203.0.113.7, 127.0.0.2'              | '203.0.113.7'   | 'for="127.0.0.2:PORT";host=a;proto=http'
        'trusting' | PROXY  | ['X-Forwarded-For: 203.0.113.7, 10.1.2.3']                    || '203.0.113.7, 10.1.2.3, 127.0.0.2'    | '203.0.113.7'   | 'for="127.0.0.2:PORT";host=a;proto=http'
        'trusting' | PROXY  | ['X-Forwarded-For: 6.6.6.6', 'X-Forwarded-For: 203.0.113.7']  || '6.6.6.6, 203.0.113.7, 127.0.0.2'     | '203.0.113.7'   | 'for="127.0.0.2:PORT";host=a;proto=http'
        'trusting' | PROXY  | ['X-Forwarded-For: 10.1.2.3']                                 || '10.1.2.3, 127.0.0.2'                 | '10.1.2.3'      | 'for="127.0.0.2:PORT";host=a;proto=http'
        'trusting' | PROXY  | ['X-Forwarded-For: 6.6.6.6, nonsense, 10.1.2.3']              || '6.6.6.6, nonsense, 10.1.2.3, 127.0.0.2' | '10.1.2.3'   | 'for="127.0.0.2:PORT";host=a;proto=http'
        'trusting' | PROXY  | ['Forwarded: for=203.0.113.7;proto=https']                    || PROXY                                 | PROXY           | 'for=203.0.113.7;proto=https, for="127.0.0.2:PORT";host=a;proto=http'
    }

    def "a client route sees the client its trusted proxy names: #from with X-Forwarded-For '#xff' -> #body"() {
        when:
        def result = send('trusting', from, 'GET / HTTP/1.1', 'Host: a', "X-Forwarded-For: $xff")

        then:
        result.response.body.startsWith(body)

        where:
        from   | xff                          || body
        PROXY  | '198.51.100.7'               || 'documentation net'
        PROXY  | '198.51.100.7, 10.9.9.9'     || 'documentation net'
        PROXY  | '198.51.100.7, 203.0.113.7'  || 'backend'
        CLIENT | '198.51.100.7'               || 'backend'
    }

    def "#target with Host '#host': X-Forwarded-Host '#host', the listener's port, proto http"() {
        when:
        def result = send('plain', CLIENT, "GET $target HTTP/1.1", "Host: $host",
                'X-Forwarded-Host: evil.example', 'X-Forwarded-Port: 1', 'X-Forwarded-Proto: https')

        then:
        result.response.status == 200
        result.field('x-forwarded-host') == host
        result.field('x-forwarded-port') == junction.server.port('plain') as String
        result.field('x-forwarded-proto') == 'http'

        where:
        target                 | host
        '/'                    | 'shop.example'
        '/'                    | 'shop.example:8181'
        '/'                    | '127.0.0.1:80'
        '/'                    | '[::1]:9090'
        'http://shop.example:7/' | 'shop.example:7'
    }

    def "a client cannot inject #name: the backend gets #expected"() {
        when:
        def result = send('plain', CLIENT, 'GET / HTTP/1.1', 'Host: a', "$name: injected")

        then:
        result.field(name.toLowerCase()) == expected

        where:
        name                 || expected
        'X-Junction-Debug'   || null
        'X-Junction-Pool'    || null
        'X-Real-IP'          || CLIENT
        'X-Forwarded-Server' || null
        'Forwarded'          || null
    }
}
