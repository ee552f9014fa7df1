package io.junction.core.model

import spock.lang.Specification

class AddressRangeSpec extends Specification {

    def "#range contains #address: #inside"() {
        expect:
        AddressRange.parse(range).contains(AddressRange.hostLiteral(address)) == inside

        where:
        range            | address           || inside
        '10.0.0.0/8'     | '10.255.1.2'      || true
        '10.0.0.0/8'     | '11.0.0.1'        || false
        '127.0.0.1/32'   | '127.0.0.1'       || true
        '127.0.0.1/32'   | '127.0.0.2'       || false
        '127.0.0.1'      | '127.0.0.1'       || true
        '192.168.4.0/22' | '192.168.7.255'   || true
        '192.168.4.0/22' | '192.168.8.0'     || false
        '0.0.0.0/0'      | '203.0.113.9'     || true
        '2001:db8::/32'  | '2001:db8:ffff::1' || true
        '2001:db8::/32'  | '2001:db9::1'     || false
        '::1/128'        | '::1'             || true
        '::/0'           | '10.0.0.1'        || false
        '0.0.0.0/0'      | '::1'             || false
        '::1/128'        | '0:0:0:0:0:0:0:1' || true
        '10.0.0.0/8'     | '::ffff:10.1.2.3' || true
        '2001:db8::/32'  | '[2001:db8::7]'   || true
    }

    def "'#text' is refused with a message that shows how to write a range"() {
        when:
        AddressRange.parse(text)

        then:
        def e = thrown(InvalidSpecException)
        e.message.contains("'$text' is not an address range")

        where:
        text << ['10.0.0/8', '10.0.0.0/33', '::1/129', 'localhost', 'example.com/8', '10.0.0.256/32', '10.0.0.0/', '1:2:3/64', '',
                 '10.0.0.256/8', '2001:db8::/129', 'intranet', '[::1]/128']
    }

    def "'#text' is no address literal, so it is in no range"() {
        expect:
        AddressRange.hostLiteral(text) == null

        where:
        text << ['not-an-address', 'localhost', '10.0.0.256', '10.0.0', '[::1', '[10.0.0.1]x', '']
    }
}
