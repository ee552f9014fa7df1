package io.junction.server.engine.http1

import spock.lang.Specification

import java.nio.ByteBuffer

import static io.junction.server.engine.http1.ParseResult.DONE
import static io.junction.server.engine.http1.ParseResult.ERROR
import static io.junction.server.engine.http1.ParseResult.NEED_MORE

class ChunkedScannerSpec extends Specification {

    static final String NEXT = 'GET /next HTTP/1.1\r\n'

    def scanner = new ChunkedScanner(Http1Limits.DEFAULTS)

    def "#shown fed #feeding: the body ends after its last CRLF, #trailers trailers"() {
        when:
        def fed = feeding.feed(body + NEXT) { scanner.scan(it) }

        then:
        fed.result() == DONE
        fed.consumed() == body.length()
        scanner.trailers().count() == trailers

        where:
        body                                                     || trailers
        '0\r\n\r\n'                                              || 0
        '5\r\nhello\r\n0\r\n\r\n'                                || 0
        'a\r\n0123456789\r\n1\r\n!\r\n0\r\n\r\n'                 || 0
        '000A\r\n0123456789\r\n0000\r\n\r\n'                     || 0
        '5;a=b\r\nhello\r\n0;last\r\n\r\n'                       || 0
        '5 ; a = b ;c= "q \\" ;\t"\r\nhello\r\n0\r\n\r\n'           || 0
        '5\r\nhello\r\n0\r\nX-Sum: 1\r\nX-Other:\r\n\r\n'        || 2

        combined:
        feeding << Feeding.values()

        shown = Feeding.visible(body)
    }

    def "#shown fed #feeding: #status"() {
        when:
        def fed = feeding.feed(body) { scanner.scan(it) }

        then:
        fed.result() == ERROR
        scanner.errorStatus() == status
        scanner.error() ==~ /chunk \d+: .+/

        where:
        body                                                   || status
        'x\r\n'                                                || 400
        '\r\n'                                                 || 400
        '-5\r\nhello\r\n0\r\n\r\n'                             || 400
        '+5\r\nhello\r\n0\r\n\r\n'                             || 400
        '0x5\r\nhello\r\n0\r\n\r\n'                            || 400
        ' 5\r\nhello\r\n0\r\n\r\n'                             || 400
        '5 \r\nhello\r\n0\r\n\r\n'                             || 400
        '10000000000000000\r\n'                                || 400
        'FFFFFFFFFFFFFFFFF\r\n'                                || 400
        '5;\r\nhello\r\n0\r\n\r\n'                             || 400
        '5;a=\r\nhello\r\n0\r\n\r\n'                           || 400
        '5;a="b\r\nhello\r\n0\r\n\r\n'                         || 400
        '5;a=b c\r\nhello\r\n0\r\n\r\n'                        || 400
        '5;a="b" \r\nhello\r\n0\r\n\r\n'                       || 400
        '5;a\u0000\r\nhello\r\n0\r\n\r\n'                      || 400
        '5\r\nhelloX\r\n0\r\n\r\n'                             || 400
        '5\r\nhello\n0\r\n\r\n'                                || 400
        '5\r\nhello\r\r\n0\r\n\r\n'                            || 400
        '5\r\nhello0\r\n\r\n'                                  || 400
        '5\nhello\r\n0\r\n\r\n'                                || 400
        '5\rhello\r\n0\r\n\r\n'                                || 400
        '0\r\n\n'                                              || 400
        '0\r\nX: a\n\r\n'                                      || 400
        '0\r\nX : a\r\n\r\n'                                   || 400
        '0\r\n b\r\n\r\n'                                      || 400
        '0\r\nX: \u0000\r\n\r\n'                               || 400
        '5' * 8193 + '\r\n'                                    || 400
        '0\r\n' + 'X: v\r\n' * 101 + '\r\n'                    || 431
        '0\r\n' + ('X: ' + 'v' * 8000 + '\r\n') * 5 + '\r\n'   || 431

        combined:
        feeding << Feeding.values()

        shown = Feeding.visible(body)
    }

    def "split at byte #split of #shown: DONE exactly at the end of the body"() {
        given:
        byte[] all = Feeding.bytes(body + NEXT)
        def first = ByteBuffer.wrap(all, 0, split)
        def second = ByteBuffer.wrap(all, split, all.length - split)

        when:
        def before = scanner.scan(first)
        def after = scanner.scan(second)

        then:
        before == (split >= body.length() ? DONE : NEED_MORE)
        after == DONE
        first.position() + second.position() - split == body.length()

        where:
        [body, split] << ['5;e=1\r\nhello\r\n10\r\n0123456789abcdef\r\n0\r\nT: 1\r\n\r\n'].collectMany { b ->
            (0..(b + NEXT).length()).collect { [b, it] }
        }
        shown = Feeding.visible(body)
    }

    def "data is skipped in place, never copied: #size bytes of chunk data are passed over in one step"() {
        given:
        def body = ByteBuffer.allocate(size + 64)
        body.put(Feeding.bytes(Long.toHexString(size) + '\r\n')).position(body.position() + size).put(Feeding.bytes('\r\n0\r\n\r\n')).flip()

        expect:
        scanner.scan(body) == DONE
        !body.hasRemaining()

        where:
        size << [1, 16 * 1024, 8 * 1024 * 1024]
    }

    def "reset makes the scanner ready for the next body"() {
        given:
        def buffer = ByteBuffer.wrap(Feeding.bytes('1\r\na\r\n0\r\nX: 1\r\n\r\n2\r\nbc\r\n0\r\n\r\n'))

        when:
        def first = scanner.scan(buffer)
        scanner.reset()
        def second = scanner.scan(buffer)

        then:
        first == DONE
        second == DONE
        scanner.trailers().count() == 0
        !buffer.hasRemaining()
    }

    def "#shown fed #feeding with framing taken off: the data is #data"() {
        when: 'framing is scanned up to each chunk\'s data, and the data taken as it comes'
        def bytes = Feeding.bytes(body + NEXT)
        def out = new StringBuilder()
        def result = NEED_MORE
        int taken = 0
        while (result == NEED_MORE && taken < bytes.length) {
            def piece = ByteBuffer.wrap(bytes, taken, feeding == Feeding.WHOLE ? bytes.length - taken : 1)
            while (piece.hasRemaining() && result == NEED_MORE) {
                if (scanner.dataLeft() == 0) {
                    result = scanner.scanFraming(piece)
                    continue
                }
                int count = (int) Math.min(scanner.dataLeft(), piece.remaining())
                out.append(new String(bytes, piece.position(), count, 'ISO-8859-1'))
                piece.position(piece.position() + count)
                scanner.skipData(count)
            }
            taken = piece.position()
        }

        then:
        result == DONE
        taken == body.length()
        out.toString() == data

        where:
        body                                                     || data
        '0\r\n\r\n'                                              || ''
        '5\r\nhello\r\n0\r\n\r\n'                                || 'hello'
        'a\r\n0123456789\r\n1\r\n!\r\n0\r\n\r\n'                 || '0123456789!'
        '5;a=b\r\nhe\r\nl\r\n0;last\r\n\r\n'                       || 'he\r\nl'
        '3\r\nabc\r\n0\r\nX-Sum: 1\r\n\r\n'                      || 'abc'

        combined:
        feeding << Feeding.values()

        shown = Feeding.visible(body)
    }
}
