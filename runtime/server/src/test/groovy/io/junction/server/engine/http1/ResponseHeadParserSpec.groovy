package io.junction.server.engine.http1

import spock.lang.Specification

import java.nio.ByteBuffer

import static io.junction.server.engine.http1.BodyFraming.CHUNKED
import static io.junction.server.engine.http1.BodyFraming.LENGTH
import static io.junction.server.engine.http1.BodyFraming.NONE
import static io.junction.server.engine.http1.BodyFraming.UNTIL_CLOSE
import static io.junction.server.engine.http1.ParseResult.DONE
import static io.junction.server.engine.http1.ParseResult.ERROR
import static io.junction.server.engine.http1.RequestMethod.CONNECT
import static io.junction.server.engine.http1.RequestMethod.GET
import static io.junction.server.engine.http1.RequestMethod.HEAD
import static io.junction.server.engine.http1.RequestMethod.POST

class ResponseHeadParserSpec extends Specification {

    def parser = new ResponseHeadParser(Http1Limits.DEFAULTS)

    def "#shown to #method fed #feeding: #status, framing #framing (#length), keep-alive #keepAlive"() {
        given:
        parser.reset(method)

        when:
        def fed = feeding.feed(response) { parser.parse(it) }

        then:
        fed.result() == DONE
        fed.consumed() == response.length()
        parser.status() == status
        parser.framing() == framing
        parser.contentLength() == length
        parser.keepAlive() == keepAlive

        where:
        response                                                                        | method  || status | framing     | length | keepAlive
        'HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\n'                                 | GET     || 200    | LENGTH      | 16     | true
        'HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n'                                    | GET     || 200    | LENGTH      | 0      | true
        'HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n'                                     | GET     || 404    | LENGTH      | 0      | true
        'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'                         | POST    || 200    | CHUNKED     | -1     | true
        'HTTP/1.1 200 OK\r\n\r\n'                                                       | GET     || 200    | UNTIL_CLOSE | -1     | false
        'HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\n'                                  | GET     || 200    | LENGTH      | 3      | false
        'HTTP/1.0 200 OK\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\n'        | GET     || 200    | LENGTH      | 3      | true
        'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\n'             | GET     || 200    | LENGTH      | 3      | false
        'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n'                                  | HEAD    || 200    | NONE        | -1     | true
        'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'                         | HEAD    || 200    | NONE        | -1     | true
        'HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n'                         | GET     || 204    | NONE        | -1     | true
        'HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n'               | GET     || 304    | NONE        | -1     | true
        'HTTP/1.1 100 Continue\r\n\r\n'                                                 | POST    || 100    | NONE        | -1     | true
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n' | GET || 101 | NONE   | -1     | false
        'HTTP/1.1 200 Connection established\r\n\r\n'                                   | CONNECT || 200    | NONE        | -1     | false
        'HTTP/1.1 599 Odd \t\u00e9\r\nContent-Length: 1\r\n\r\n'                        | GET     || 599    | LENGTH      | 1      | true

        combined:
        feeding << Feeding.values()

        shown = Feeding.visible(response)
    }

    def "malformed #shown fed #feeding: ERROR, the engine answers 502"() {
        given:
        parser.reset(GET)

        when:
        def fed = feeding.feed(response) { parser.parse(it) }

        then:
        fed.result() == ERROR
        parser.errorStatus() == 502
        !parser.keepAlive()
        parser.error() ==~ /line \d+: .+/

        where:
        response << [
                '<html>garbage</html>\r\n\r\n',
                'HTTP/1.1 200 OK\nContent-Length: 1\n\n',
                'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n',
                'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n',
                'HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n',
                'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n',
                'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n',
                'HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n',
                'HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n',
                'HTTP/1.1 200 OK\r\nX: a\r\n b\r\n\r\n',
                'HTTP/1.1 200 OK\r\nX : a\r\n\r\n',
                'HTTP/1.1 200 OK\r\nX: \u0000\r\n\r\n',
                'HTTP/1.1 2000 OK\r\n\r\n',
                'HTTP/1.1 20 OK\r\n\r\n',
                'HTTP/1.1 099 Low\r\n\r\n',
                'HTTP/1.1 600 High\r\n\r\n',
                'HTTP/1.1 2x0 OK\r\n\r\n',
                'HTTP/1.1  200 OK\r\n\r\n',
                'HTTP/1.1 200 O\u0001K\r\n\r\n',
                'HTTP/2 200 OK\r\n\r\n',
                'HTTP/2.0 200 OK\r\n\r\n',
                'http/1.1 200 OK\r\n\r\n',
                'HTTP/1.1 200 OK\r\n' + 'X: v\r\n' * 101 + '\r\n',
        ]

        combined:
        feeding << Feeding.values()

        shown = Feeding.visible(response)
    }

    def "100 Continue, then the final response on the same connection"() {
        given:
        def buffer = ByteBuffer.wrap(Feeding.bytes('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok'))
        parser.reset(POST)

        when:
        def interim = parser.parse(buffer)
        def interimWasInterim = parser.interim()
        parser.reset(POST)
        def last = parser.parse(buffer)

        then:
        interim == DONE
        interimWasInterim
        last == DONE
        !parser.interim()
        parser.status() == 201
        parser.contentLength() == 2
        buffer.remaining() == 2
    }

    def "#status to #method: interim #interim, tunnel #tunnel"() {
        given:
        parser.reset(method)

        when:
        Feeding.WHOLE.feed("HTTP/1.1 $status X\r\n\r\n") { parser.parse(it) }

        then:
        parser.interim() == interim
        parser.tunnel() == tunnel

        where:
        status | method  || interim | tunnel
        100    | POST    || true    | false
        103    | GET     || true    | false
        101    | GET     || false   | true
        200    | CONNECT || false   | true
        407    | CONNECT || false   | false
        200    | GET     || false   | false
    }
}
