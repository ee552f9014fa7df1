package io.junction.server.engine.http1

import spock.lang.Specification

import java.nio.ByteBuffer

/** A loop's remembered Strings: the right text always, the same String again only for the same bytes. */
class RecentStringsSpec extends Specification {

    def recent = new RecentStrings()

    def "target #first then #second: path #path, remembered #same"() {
        when:
        def a = recent.target(parsed("GET $first HTTP/1.1\r\nHost: x.example\r\n\r\n"))
        def b = recent.target(parsed("GET $second HTTP/1.1\r\nHost: x.example\r\n\r\n"))

        then:
        a.value() == first
        b.value() == second
        b.routablePath() == path
        a.is(b) == same

        where:
        first                 | second                   || path     | same
        '/item?id=7'          | '/item?id=7'             || '/item'  | true
        '/item?id=7'          | '/item?id=8'             || '/item'  | false
        '/a/../b'             | '/a/../b'                || '/b'     | true
        '/a'                  | 'http://x.example/a'     || '/a'     | false
        'http://x.example/a'  | 'http://x.example/a'     || '/a'     | true
        '/' + 'p' * 600       | '/' + 'p' * 600          || '/' + 'p' * 600 | false
        '/Aa'                 | '/BB'                    || '/BB'    | false // same length, same slot
    }

    def "Host #first then #second: #name, remembered #same"() {
        given:
        String remembered = recent.hostName(parsed("GET / HTTP/1.1\r\nHost: $first\r\n\r\n"))

        expect:
        with(recent.hostName(parsed("GET / HTTP/1.1\r\nHost: $second\r\n\r\n"))) {
            it == name
            it.is(remembered) == same
        }

        where: 'the name is compared without case and port'
        [first, second, name, same] << [['Shop:8080', 'shOP', 'shop', true], ['shop', 'shoq', 'shoq', false], ['[::1]:80', '[::1]', '[::1]', true],
                                         ['aaa', 'aii', 'aii', false]] // the last two: same length, same slot
    }

    private static RequestHeadParser parsed(String head) {
        def parser = new RequestHeadParser(Http1Limits.DEFAULTS)
        assert parser.parse(ByteBuffer.wrap(head.getBytes('ISO-8859-1'))) == ParseResult.DONE
        parser
    }
}
