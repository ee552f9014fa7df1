package io.junction.server.engine.http1

import spock.lang.Specification

import java.nio.ByteBuffer

import static io.junction.server.engine.http1.BodyFraming.CHUNKED
import static io.junction.server.engine.http1.BodyFraming.LENGTH
import static io.junction.server.engine.http1.BodyFraming.NONE
import static io.junction.server.engine.http1.ParseResult.DONE
import static io.junction.server.engine.http1.ParseResult.ERROR

class RequestHeadParserSpec extends Specification {

    static final int OK = 0
    static final String H = 'Host: a.example\r\n'

    def parser = new RequestHeadParser(Http1Limits.DEFAULTS)

    def "#shown fed #feeding: status #status, close #close"() {
        when:
        def fed = feeding.feed(request) { parser.parse(it) }

        then:
        fed.result() == (status == OK ? DONE : ERROR)
        parser.errorStatus() == status
        !parser.keepAlive() == close
        status == OK ? fed.consumed() == request.length() : parser.error() ==~ /line \d+: .+/

        where:
        request                                                                         || status | close
        // valid
        'GET / HTTP/1.1\r\n' + H + '\r\n'                                               || OK     | false
        'GET /p/q?x=1&y=%2F;z=a:b@c HTTP/1.1\r\nHost: a.example:8080\r\n\r\n'           || OK     | false
        'GET / HTTP/1.0\r\n\r\n'                                                        || OK     | true
        'GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n'                              || OK     | false
        'GET / HTTP/1.1\r\n' + H + 'Connection: keep-alive, CLOSE\r\n\r\n'              || OK     | true
        'GET / HTTP/1.1\r\n' + H + 'Connection: ,, x-a ,\r\n\r\n'                       || OK     | false
        'POST / HTTP/1.1\r\n' + H + 'Content-Length: 5\r\n\r\n'                         || OK     | false
        'POST / HTTP/1.1\r\n' + H + 'Content-Length: 007\r\n\r\n'                       || OK     | false
        'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding: Chunked\r\n\r\n'                || OK     | false
        'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding:\tchunked \r\n\r\n'              || OK     | false
        'OPTIONS * HTTP/1.1\r\n' + H + '\r\n'                                           || OK     | false
        'CONNECT a.example:443 HTTP/1.1\r\nHost: a.example:443\r\n\r\n'                 || OK     | false
        'GET http://a.example/x?y HTTP/1.1\r\nHost: A.EXAMPLE\r\n\r\n'                  || OK     | false
        'GET HTTPS://a.example HTTP/1.1\r\n' + H + '\r\n'                               || OK     | false
        'GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n'                                    || OK     | false
        'GET / HTTP/1.1\r\n' + H + 'X-Empty:\r\nX-Tab:\t v \t\r\n\r\n'                  || OK     | false
        'GET / HTTP/1.1\r\n' + H + 'X-Obs-Text: caf\u00e9\r\n\r\n'                      || OK     | false
        'PURGE / HTTP/1.1\r\n' + H + '\r\n'                                             || OK     | false
        // request line
        'G@T / HTTP/1.1\r\n' + H + '\r\n'                                               || 400    | true
        'GET  / HTTP/1.1\r\n' + H + '\r\n'                                              || 400    | true
        'GET / HTTP/1.1 \r\n' + H + '\r\n'                                              || 400    | true
        'GET\t/ HTTP/1.1\r\n' + H + '\r\n'                                              || 400    | true
        ' GET / HTTP/1.1\r\n' + H + '\r\n'                                              || 400    | true
        'GET /\r\n\r\n'                                                                 || 400    | true
        '\r\nGET / HTTP/1.1\r\n' + H + '\r\n'                                           || 400    | true
        'GET / HTTP/2.0\r\n' + H + '\r\n'                                               || 505    | true
        'GET / HTTP/0.9\r\n' + H + '\r\n'                                               || 505    | true
        'GET / http/1.1\r\n' + H + '\r\n'                                               || 400    | true
        'GET / HTTP/1.10\r\n' + H + '\r\n'                                              || 400    | true
        'GET admin HTTP/1.1\r\n' + H + '\r\n'                                           || 400    | true
        'GET * HTTP/1.1\r\n' + H + '\r\n'                                               || 400    | true
        'GET a.example:443 HTTP/1.1\r\n' + H + '\r\n'                                   || 400    | true
        'CONNECT / HTTP/1.1\r\n' + H + '\r\n'                                           || 400    | true
        'CONNECT a.example HTTP/1.1\r\n' + H + '\r\n'                                   || 400    | true
        'GET /a#frag HTTP/1.1\r\n' + H + '\r\n'                                         || 400    | true
        'GET /%zz HTTP/1.1\r\n' + H + '\r\n'                                            || 400    | true
        'GET /a"b HTTP/1.1\r\n' + H + '\r\n'                                            || 400    | true
        'GET ftp://a.example/ HTTP/1.1\r\n' + H + '\r\n'                                || 400    | true
        'GET http://u@a.example/ HTTP/1.1\r\n' + H + '\r\n'                             || 400    | true
        'GET /' + 'a' * 8192 + ' HTTP/1.1\r\n' + H + '\r\n'                             || 414    | true
        // field lines
        'GET / HTTP/1.1\r\n' + H + 'X: a\r\n b\r\n\r\n'                                 || 400    | true
        'GET / HTTP/1.1\r\n\tHost: a.example\r\n\r\n'                                   || 400    | true
        'GET / HTTP/1.1\r\nHost : a.example\r\n\r\n'                                    || 400    | true
        'GET / HTTP/1.1\r\n' + H + ': v\r\n\r\n'                                        || 400    | true
        'GET / HTTP/1.1\r\n' + H + 'X(y): v\r\n\r\n'                                    || 400    | true
        'GET / HTTP/1.1\r\n' + H + 'X-\u00e9: v\r\n\r\n'                                || 400    | true
        'GET / HTTP/1.1\r\n' + H + 'No colon here\r\n\r\n'                              || 400    | true
        'GET / HTTP/1.1\r\n' + H + 'X: a\u0000b\r\n\r\n'                                || 400    | true
        'GET / HTTP/1.1\r\n' + H + 'X: a\u000bb\r\n\r\n'                                || 400    | true
        'GET / HTTP/1.1\r\n' + H + 'X: a\rb\r\n\r\n'                                    || 400    | true
        'GET / HTTP/1.1\r\n' + H + 'X: a\r\r\n\r\n'                                     || 400    | true
        'GET / HTTP/1.1\nHost: a.example\n\n'                                           || 400    | true
        'GET / HTTP/1.1\r\n' + H + 'X: a\n\r\n'                                         || 400    | true
        'GET / HTTP/1.1\r\n' + H + 'X: a\r\n\n'                                         || 400    | true
        'GET / HTTP/1.1\r\n' + H + 'X: v\r\n' * 100 + '\r\n'                            || 431    | true
        'GET / HTTP/1.1\r\n' + H + ('X: ' + 'v' * 8000 + '\r\n') * 5 + '\r\n'           || 431    | true
        // Host
        'GET / HTTP/1.1\r\n\r\n'                                                        || 400    | true
        'GET / HTTP/1.1\r\n' + H + H + '\r\n'                                           || 400    | true
        'GET / HTTP/1.1\r\n' + H + 'host: b.example\r\n\r\n'                            || 400    | true
        'GET / HTTP/1.1\r\nHost:\r\n\r\n'                                               || 400    | true
        'GET / HTTP/1.1\r\nHost: a b\r\n\r\n'                                           || 400    | true
        'GET / HTTP/1.1\r\nHost: a.example:99999\r\n\r\n'                               || 400    | true
        'GET / HTTP/1.1\r\nHost: a.example:\r\n\r\n'                                    || 400    | true
        'GET / HTTP/1.1\r\nHost: user@a.example\r\n\r\n'                                || 400    | true
        'GET / HTTP/1.1\r\nHost: a.example/x\r\n\r\n'                                   || 400    | true
        'GET http://b.example/ HTTP/1.1\r\n' + H + '\r\n'                               || 400    | true
        'GET http://a.example/ HTTP/1.1\r\n\r\n'                                        || 400    | true
        // framing and smuggling
        'POST / HTTP/1.1\r\n' + H + 'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n' || 400 | true
        'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n' || 400 | true
        'POST / HTTP/1.1\r\n' + H + 'Content-Length: 5\r\nContent-Length: 5\r\n\r\n'   || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Content-Length: 5, 5\r\n\r\n'                     || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Content-Length: +5\r\n\r\n'                        || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Content-Length: -1\r\n\r\n'                        || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Content-Length: 0x10\r\n\r\n'                      || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Content-Length: 1 0\r\n\r\n'                       || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Content-Length: 0,\r\n\r\n'                        || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Content-Length: \r\n\r\n'                          || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Content-Length: 9223372036854775808\r\n\r\n'      || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding: xchunked\r\n\r\n'               || 501    | true
        'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding: identity\r\n\r\n'               || 501    | true
        'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding : chunked\r\n\r\n'               || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding: chunked, identity\r\n\r\n'      || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding: gzip, chunked\r\n\r\n'          || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding: chunked, chunked\r\n\r\n'       || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n' || 400 | true
        'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding: "chunked"\r\n\r\n'              || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding: \u000bchunked\r\n\r\n'          || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Transfer-Encoding:\r\n\r\n'                        || 400    | true
        'POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n'                         || 400    | true
        'POST / HTTP/1.1\r\n' + H + 'Content_Length: 5\r\nContent-Length: 6\r\n\r\n'   || 400    | true

        combined:
        feeding << Feeding.values()

        shown = Feeding.visible(request)
    }

    def "#shown: #method #target #version, framing #framing (#length), keep-alive #keepAlive, 100-continue #expectContinue, upgrade #upgrade"() {
        when:
        def fed = Feeding.WHOLE.feed(request) { parser.parse(it) }

        then:
        fed.result() == DONE
        parser.method() == method
        parser.target() == target
        parser.version() == version
        parser.framing() == framing
        parser.contentLength() == length
        parser.keepAlive() == keepAlive
        parser.expectContinue() == expectContinue
        parser.upgrade() == upgrade

        where:
        request                                                                                   || method                | target                | version               | framing | length | keepAlive | expectContinue | upgrade
        'GET /a?b HTTP/1.1\r\n' + H + '\r\n'                                                      || RequestMethod.GET     | '/a?b'                | Http1Version.HTTP_1_1 | NONE    | -1     | true      | false          | false
        'HEAD http://a.example/ HTTP/1.0\r\n\r\n'                                                 || RequestMethod.HEAD    | 'http://a.example/'   | Http1Version.HTTP_1_0 | NONE    | -1     | false     | false          | false
        'POST /u HTTP/1.1\r\n' + H + 'Content-Length: 0\r\n\r\n'                                  || RequestMethod.POST    | '/u'                  | Http1Version.HTTP_1_1 | LENGTH  | 0      | true      | false          | false
        'PUT /u HTTP/1.1\r\n' + H + 'Expect: 100-Continue\r\nContent-Length: 9223372036854775807\r\n\r\n' || RequestMethod.PUT | '/u' | Http1Version.HTTP_1_1 | LENGTH | Long.MAX_VALUE | true | true | false
        'PUT /u HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n'                    || RequestMethod.PUT     | '/u'                  | Http1Version.HTTP_1_0 | LENGTH  | 1      | false     | false          | false
        'PATCH /u HTTP/1.1\r\n' + H + 'Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n'   || RequestMethod.PATCH   | '/u'                  | Http1Version.HTTP_1_1 | CHUNKED | -1     | false     | false          | false
        'GET /ws HTTP/1.1\r\n' + H + 'Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n'          || RequestMethod.GET     | '/ws'                 | Http1Version.HTTP_1_1 | NONE    | -1     | true      | false          | true
        'GET /ws HTTP/1.1\r\n' + H + 'Upgrade: websocket\r\n\r\n'                                 || RequestMethod.GET     | '/ws'                 | Http1Version.HTTP_1_1 | NONE    | -1     | true      | false          | false
        'get / HTTP/1.1\r\n' + H + '\r\n'                                                         || RequestMethod.OTHER   | '/'                   | Http1Version.HTTP_1_1 | NONE    | -1     | true      | false          | false

        shown = Feeding.visible(request)
    }

    def "fields are read through offsets, and Connection names the fields a forwarder strips"() {
        when:
        Feeding.WHOLE.feed('GET / HTTP/1.1\r\nHost: a.example\r\nX-Secret:  s 1 \r\nConnection: x-secret, close\r\nKeep-Alive: 5\r\n\r\n') { parser.parse(it) }
        def fields = parser.headers()

        then:
        fields.count() == 4
        (0..<4).collect { fields.name(it) } == ['Host', 'X-Secret', 'Connection', 'Keep-Alive']
        fields.value(1) == 's 1'
        fields.nameIs(1, 'x-SECRET') && !fields.nameIs(1, 'x-secre')
        fields.valueIs(2, 'X-Secret, Close')
        fields.indexOf('keep-alive') == 3 && fields.indexOf('cookie') == -1
        parser.hostField() == 0
        parser.methodName() == 'GET'
        (0..<parser.connection().count()).collect { parser.connection().option(it) } == ['x-secret', 'close']
        (0..<4).findAll { parser.connection().lists(fields, it) } == [1]
    }

    def "the parser stops at the end of the head, so body and pipelined requests stay in the buffer"() {
        given:
        def buffer = ByteBuffer.wrap(Feeding.bytes('POST /a HTTP/1.1\r\n' + H + 'Content-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\n' + H + '\r\n'))

        when:
        def first = parser.parse(buffer)
        def bodyStart = buffer.position()
        buffer.position(bodyStart + parser.contentLength() as int)
        parser.reset()
        def second = parser.parse(buffer)

        then:
        first == DONE
        (char) Feeding.bytes('a')[0] == (char) buffer.get(bodyStart)
        second == DONE
        parser.target() == '/b'
        parser.framing() == NONE
        !buffer.hasRemaining()
    }

    def "an error says which line broke which rule: #reason"() {
        when:
        Feeding.WHOLE.feed(request) { parser.parse(it) }

        then:
        parser.error() == reason

        where:
        request                                                                 || reason
        'GET / HTTP/1.1\r\n' + H + 'Content-Length: 1\r\nContent-Length: 1\r\n\r\n' || 'line 4: more than one Content-Length'
        'GET / HTTP/1.1\r\n' + H + 'X: a\n'                                     || 'line 3: bare LF: lines must end in CRLF'
        'GET / HTTP/1.1\r\n\r\n'                                                || 'line 2: HTTP/1.1 request without Host'
        'GET / HTTP/3.0\r\n'                                                    || 'line 1: HTTP version not supported'
    }

    def "limits are exact: a #length-byte request line is #outcome with a #limit-byte limit"() {
        given:
        def small = new RequestHeadParser(new Http1Limits(limit, 64, 2))
        def line = 'GET /' + 'a' * (length - 'GET / HTTP/1.1'.length()) + ' HTTP/1.1'

        expect:
        line.length() == length
        Feeding.WHOLE.feed(line + '\r\nHost: a\r\n\r\n') { small.parse(it) }.result() == outcome
        small.errorStatus() == status

        where:
        limit | length || outcome | status
        32    | 32     || DONE    | 0
        32    | 33     || ERROR   | 414
    }

    def "#count fields in #size bytes with limits of 2 fields and 64 bytes: status #status"() {
        given:
        def small = new RequestHeadParser(new Http1Limits(32, 64, 2))
        def head = 'GET / HTTP/1.1\r\nHost: a\r\n' + 'X: 1\r\n' * (count - 2) + 'Y: ' + 'y' * pad + '\r\n\r\n'

        when:
        Feeding.WHOLE.feed(head) { small.parse(it) }

        then:
        head.length() == size
        small.errorStatus() == status

        where:
        count | pad || size | status
        2     | 32  || 64   | 0
        2     | 33  || 65   | 431
        3     | 0   || 38   | 431
    }
}
