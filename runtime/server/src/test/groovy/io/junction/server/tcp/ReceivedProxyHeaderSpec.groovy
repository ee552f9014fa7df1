package io.junction.server.tcp

import spock.lang.Specification

import java.nio.ByteBuffer

/** PROXY headers as a trusted balancer sends them, read byte for byte (HAProxy's proxy-protocol.txt). */
class ReceivedProxyHeaderSpec extends Specification {

    static final String SIG = '0d0a0d0a000d0a515549540a'

    def "v1 '#line' names #source -> #destination"() {
        when:
        def header = read(ascii(line + '\r\nrest'))

        then:
        header.error() == null
        header.length() == line.length() + 2
        header.source()?.with { "$it.address.hostAddress:$it.port" } == source
        header.destination()?.with { "$it.address.hostAddress:$it.port" } == destination

        where:
        line                                                        || source                       | destination
        'PROXY TCP4 192.168.0.1 192.168.0.11 56324 443'             || '192.168.0.1:56324'          | '192.168.0.11:443'
        'PROXY TCP6 2001:db8::1 ::1 40000 5432'                     || '2001:db8:0:0:0:0:0:1:40000' | '0:0:0:0:0:0:0:1:5432'
        'PROXY TCP4 0.0.0.0 255.255.255.255 0 65535'                || '0.0.0.0:0'                  | '255.255.255.255:65535'
        'PROXY UNKNOWN'                                             || null                         | null
        'PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535' || null                         | null
    }

    def "v1 is malformed: '#line'"() {
        expect:
        read(ascii(line)).malformed()

        where:
        line << [
                'GET / HTTP/1.1\r\n',
                'PROXY TCP4 192.168.0.1 192.168.0.11 56324\r\n',
                'PROXY TCP4 192.168.0.1 192.168.0.11 56324 443 9\r\n',
                'PROXY TCP4 192.168.0.1  192.168.0.11 56324 443\r\n',
                'PROXY TCP5 192.168.0.1 192.168.0.11 56324 443\r\n',
                'PROXY TCP4 ::1 ::1 1 2\r\n',
                'PROXY TCP6 10.0.0.1 10.0.0.2 1 2\r\n',
                'PROXY TCP4 10.0.0.256 10.0.0.2 1 2\r\n',
                'PROXY TCP4 10.0.1 10.0.0.2 1 2\r\n',
                'PROXY TCP4 localhost 10.0.0.2 1 2\r\n',
                'PROXY TCP4 10.0.0.1 10.0.0.2 65536 2\r\n',
                'PROXY TCP4 10.0.0.1 10.0.0.2 -1 2\r\n',
                'PROXY TCP4 10.0.0.1 10.0.0.2 01 2\r\n',
                'proxy TCP4 10.0.0.1 10.0.0.2 1 2\r\n',
                'PROXY UNKNOWN ' + 'x' * 100 + '\r\n',
        ]
    }

    def "v2 #what"() {
        when:
        def header = read(hex(bytes + 'cafe'))

        then:
        header.error() == null
        header.length() == bytes.length() / 2
        header.source()?.with { "$it.address.hostAddress:$it.port" } == source
        header.destination()?.with { "$it.address.hostAddress:$it.port" } == destination

        where:
        what                         | bytes                                                                                              || source                  | destination
        'TCP over IPv4'              | SIG + '21' + '11' + '000c' + 'c0a80001' + 'c0a8000b' + 'dc04' + '01bb'                             || '192.168.0.1:56324'     | '192.168.0.11:443'
        'TCP over IPv6'              | SIG + '21' + '21' + '0024' + '20010db8000000000000000000000001' + '0' * 31 + '1' + '9c40' + '1538' || '2001:db8:0:0:0:0:0:1:40000' | '0:0:0:0:0:0:0:1:5432'
        'with a TLV after addresses' | SIG + '21' + '11' + '0011' + '0a000001' + '0a000002' + '0001' + '0002' + '04' + '0002' + 'abcd'    || '10.0.0.1:1'            | '10.0.0.2:2'
        'LOCAL (a health check)'     | SIG + '20' + '00' + '0000'                                                                         || null                    | null
        'UNSPEC'                     | SIG + '21' + '00' + '0000'                                                                         || null                    | null
        'over a unix socket'         | SIG + '21' + '31' + '00d8' + '00' * 216                                                            || null                    | null
    }

    def "v2 is malformed: #what"() {
        expect:
        read(hex(bytes)).malformed()

        where:
        what                         | bytes
        'version 1 in binary'        | SIG + '11' + '11' + '000c' + '00' * 12
        'command 2'                  | SIG + '22' + '11' + '000c' + '00' * 12
        'address family 4'           | SIG + '21' + '41' + '000c' + '00' * 12
        'transport 3'                | SIG + '21' + '13' + '000c' + '00' * 12
        'IPv4 in 11 bytes'           | SIG + '21' + '11' + '000b' + '00' * 11
        'IPv6 in 35 bytes'           | SIG + '21' + '21' + '0023' + '00' * 35
        'longer than can be read'    | SIG + '21' + '11' + 'ffff'
        'a broken signature'         | '0d0a0d0a000d0a515549540b' + '21' + '11' + '000c' + '00' * 12
    }

    def "every prefix of a #version header asks for more bytes"() {
        expect:
        (0..<header.length).every { read(Arrays.copyOfRange(header, 0, it)).needsMore() }
        !read(header).needsMore()

        where:
        version | header
        'v1'    | ascii('PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n')
        'v2'    | hex(SIG + '21' + '11' + '000c' + 'c0a80001' + 'c0a8000b' + 'dc04' + '01bb')
    }

    def "reading does not move the caller's bytes"() {
        given:
        def buffer = ByteBuffer.wrap(ascii('PROXY UNKNOWN\r\nhello'))

        when:
        ReceivedProxyHeader.read(buffer, 16384)

        then:
        buffer.position() == 0
        buffer.remaining() == 20
    }

    static ReceivedProxyHeader read(byte[] bytes) {
        ReceivedProxyHeader.read(ByteBuffer.wrap(bytes), 16384)
    }

    static byte[] ascii(String text) {
        text.getBytes('US-ASCII')
    }

    static byte[] hex(String text) {
        text.decodeHex()
    }
}
