package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path
import java.util.zip.CRC32

/** What a backend receives and what a client gets back, through a real Junction on loopback. */
class PassThroughSpec extends Specification {

    @Shared @TempDir Path dir
    @Shared @AutoCleanup('close') TestBackend backend = new TestBackend('echo')
    @Shared @AutoCleanup('close') Junction junction

    def setupSpec() {
        junction = new Junction(dir, ['web.groovy': """
            pool('web') { backend '$backend.url' }
            http('public', port: 0, bind: '127.0.0.1') {
                route(path: '/echo') { forward 'web' }
                route(path: '/bytes') { forward 'web' }
            }
        """])
    }

    private int getPort() { junction.server.port('public') }

    private static Map<String, String> echoed(String body) {
        body.readLines().collectEntries { line ->
            int colon = line.indexOf(': ')
            [(line.substring(0, colon)): line.substring(colon + 2)]
        }
    }

    def "#method #target arrives intact with its headers and body"() {
        given:
        byte[] payload = body.getBytes('UTF-8')
        def crc = new CRC32()
        crc.update(payload)

        when:
        def response = RawHttp.exchange(port, """$method $target HTTP/1.1
Host: shop.example.com
X-Custom: one, two
Accept: text/plain
Content-Length: ${payload.length}
Connection: close

""", payload)
        def seen = echoed(response.body)

        then:
        response.status == 200
        seen.method == method
        seen.path == '/echo'
        seen.query == query
        seen['header x-custom'] == 'one, two'
        seen['header accept'] == 'text/plain'
        seen['header host'] == 'shop.example.com'
        seen['body-length'] == payload.length as String
        seen['body-crc'] == crc.value as String

        where:
        method   | target                  | body            || query
        'GET'    | '/echo?q=1&r=a%20b'     | ''              || 'q=1&r=a%20b'
        'POST'   | '/echo'                 | 'name=junction' || 'null'
        'PUT'    | '/echo?v=2'             | '{"a": [1, 2]}' || 'v=2'
        'DELETE' | '/echo?id=7'            | ''              || 'id=7'
        'PATCH'  | '/echo'                 | 'ü and ✓'       || 'null'
    }

    def "forwarding headers are written by Junction, whatever the client sent"() {
        when:
        def seen = echoed(RawHttp.exchange(port, """GET /echo HTTP/1.1
Host: shop.example.com:8443
X-Forwarded-For: 6.6.6.6
X-Forwarded-Proto: https
X-Forwarded-Host: evil.example
Forwarded: for=6.6.6.6
Connection: close

""").body)

        then:
        seen['header x-forwarded-for'] == '127.0.0.1'
        seen['header x-forwarded-proto'] == 'http'
        seen['header x-forwarded-host'] == 'shop.example.com:8443'
        !seen.containsKey('header forwarded')
    }

    def "hop-by-hop headers are stripped both ways"() {
        when:
        def response = RawHttp.exchange(port, """GET /echo HTTP/1.1
Host: shop.example.com
Keep-Alive: timeout=99
Proxy-Connection: keep-alive
X-Hop-Only: secret
TE: trailers
Connection: close, X-Hop-Only

""")
        def seen = echoed(response.body)

        then: 'the backend sees none of the client hop headers'
        ['keep-alive', 'proxy-connection', 'x-hop-only', 'te'].every { !seen.containsKey("header $it".toString()) }

        and: 'the client sees none of the backend hop headers'
        response.header('keep-alive') == null
        response.header('proxy-connection') == null
        response.header('x-backend-private') == null
    }

    def "a chunked request body is delivered whole and a chunked response is relayed"() {
        given:
        String chunked = "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n"
        def crc = new CRC32()
        crc.update('hello, world'.bytes)

        when:
        def echo = RawHttp.exchange(port, """POST /echo HTTP/1.1
Host: a
Transfer-Encoding: chunked
Connection: close

""", chunked.bytes)
        def download = RawHttp.exchange(port, """GET /bytes?n=200000 HTTP/1.1
Host: a
Connection: close

""")

        then:
        echoed(echo.body)['body-length'] == '12'
        echoed(echo.body)['body-crc'] == crc.value as String
        download.status == 200
        download.header('transfer-encoding') == 'chunked'
        download.body.length() == 200000
    }

    def "a request no route matches gets 404 with a short body"() {
        when:
        def response = junction.get('/nowhere')

        then:
        response.statusCode() == 404
        response.body() == 'no route\n'
    }
}
