package io.junction.server.tcp

import io.junction.core.model.ProxyProtocol
import spock.lang.Specification

import java.nio.ByteBuffer

/** PROXY protocol headers byte for byte as HAProxy's proxy-protocol.txt writes them (its own examples included). */
class ProxyHeaderSpec extends Specification {

    def "v1 from #source to #destination is #expected"() {
        expect:
        text(ProxyHeader.of(ProxyProtocol.V1, address(source), address(destination))) == expected

        where:
        source                         | destination                || expected
        '192.168.0.1:56324'            | '192.168.0.11:443'         || 'PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n'
        '[::1]:40000'                  | '[::1]:5432'               || 'PROXY TCP6 ::1 ::1 40000 5432\r\n'
        '[2001:db8:0:0:1:0:0:1]:1'     | '[2001:db8::]:65535'       || 'PROXY TCP6 2001:db8::1:0:0:1 2001:db8:: 1 65535\r\n'
        '[2001:db8:0:1:1:1:1:1]:1'     | '[fe80:0:0:0:0:0:0:abcd]:2' || 'PROXY TCP6 2001:db8:0:1:1:1:1:1 fe80::abcd 1 2\r\n'
        '10.0.0.1:1'                   | '[::1]:2'                  || 'PROXY UNKNOWN\r\n'
    }

    def "v2 over IPv4 is the signature, PROXY command, TCP over IPv4, 12 address bytes"() {
        expect:
        hex(ProxyHeader.of(ProxyProtocol.V2, address('192.168.0.1:56324'), address('192.168.0.11:443'))) ==
                '0d0a0d0a000d0a515549540a' + '21' + '11' + '000c' + 'c0a80001' + 'c0a8000b' + 'dc04' + '01bb'
    }

    def "v2 over IPv6 carries 36 address bytes"() {
        expect:
        hex(ProxyHeader.of(ProxyProtocol.V2, address('[2001:db8::1]:40000'), address('[::1]:5432'))) ==
                '0d0a0d0a000d0a515549540a' + '21' + '21' + '0024' +
                '20010db8000000000000000000000001' + '00000000000000000000000000000001' + '9c40' + '1538'
    }

    def "v2 with addresses of two families says UNSPEC and carries none"() {
        expect:
        hex(ProxyHeader.of(ProxyProtocol.V2, address('10.0.0.1:1'), address('[::1]:2'))) == '0d0a0d0a000d0a515549540a' + '21' + '00' + '0000'
    }

    def "no header when the listener sends none"() {
        expect:
        !ProxyHeader.of(ProxyProtocol.NONE, address('10.0.0.1:1'), address('10.0.0.2:2')).hasRemaining()
    }

    static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':')
        new InetSocketAddress(InetAddress.getByName(text.substring(0, colon).replaceAll(/[\[\]]/, '')), text.substring(colon + 1) as int)
    }

    static String text(ByteBuffer buffer) {
        new String(bytes(buffer), 'US-ASCII')
    }

    static String hex(ByteBuffer buffer) {
        bytes(buffer).collect { String.format('%02x', it & 0xff) }.join()
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()]
        buffer.duplicate().get(bytes)
        bytes
    }
}
