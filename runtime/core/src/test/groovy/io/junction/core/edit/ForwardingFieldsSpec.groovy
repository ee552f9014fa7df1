package io.junction.core.edit

import io.junction.core.model.AddressRange
import io.junction.core.model.ForwardingSpec
import spock.lang.Specification

/** The forwarding rule both engines follow: who the client is, and the fields a backend receives. */
class ForwardingFieldsSpec extends Specification {

    static final ForwardingFields TRUSTING = new ForwardingFields(
            new ForwardingSpec(['10.0.0.0/8', '2001:db8::/32'].collect { AddressRange.parse(it) }, true, false))

    /** Every field the rule adds, in order, as {@code Name: value}. */
    private static List<String> written(ForwardingFields rule, String peer, int port, String host, boolean https,
                                        Map<String, List<String>> received) {
        List<String> fields = []
        def head = [add: { String name, String value -> fields << "$name: $value".toString() }] as HeaderEditor
        rule.write(new ForwardingFields.Received(peer, port, host, 8181, https, { received[it] ?: [] }), head)
        fields
    }

    def "peer #peer with X-Forwarded-For #xff: the client is #client"() {
        expect:
        TRUSTING.clientAddress(peer, { it == 'X-Forwarded-For' ? xff : [] }) == client

        where:
        peer          | xff                                   || client
        '192.0.2.1'   | ['10.0.0.1']                          || '192.0.2.1'
        '10.0.0.1'    | []                                    || '10.0.0.1'
        '10.0.0.1'    | ['192.0.2.9']                         || '192.0.2.9'
        '10.0.0.1'    | ['192.0.2.9, 10.2.2.2']               || '192.0.2.9'
        '10.0.0.1'    | ['198.51.100.1', '192.0.2.9,10.2.2.2'] || '192.0.2.9'
        '10.0.0.1'    | ['10.3.3.3, 10.2.2.2']                || '10.3.3.3'
        '10.0.0.1'    | ['192.0.2.9, unknown, 10.2.2.2']      || '10.2.2.2'
        '10.0.0.1'    | ['192.0.2.9, unknown']                || '10.0.0.1'
        '10.0.0.1'    | ['[2001:db8::7], 2001:db9::1']        || '2001:db9::1'
        '10.0.0.1'    | ['2001:db9::1, [2001:db8::7]']        || '2001:db9::1'
        '2001:db8::1' | ['192.0.2.9']                         || '192.0.2.9'
    }

    def "nobody trusted: the peer is the client, whatever X-Forwarded-For says"() {
        expect:
        new ForwardingFields(ForwardingSpec.DEFAULTS).clientAddress('10.0.0.1', { ['192.0.2.9'] }) == '10.0.0.1'
    }

    def "peer #peer:#port, Host #host, https #https: #fields"() {
        expect:
        written(TRUSTING, peer, port, host, https, received) == fields

        where:
        peer          | port | host        | https | received                                                 || fields
        '192.0.2.1'   | 5000 | 'a'         | false | [:]                                                      || ['X-Forwarded-For: 192.0.2.1', 'X-Forwarded-Proto: http', 'X-Forwarded-Port: 8181', 'X-Real-IP: 192.0.2.1', 'X-Forwarded-Host: a', 'Forwarded: for="192.0.2.1:5000";host=a;proto=http']
        '::1'         | 1234 | '[::1]:80'  | true  | [:]                                                      || ['X-Forwarded-For: ::1', 'X-Forwarded-Proto: https', 'X-Forwarded-Port: 8181', 'X-Real-IP: ::1', 'X-Forwarded-Host: [::1]:80', 'Forwarded: for="[::1]:1234";host="[::1]:80";proto=https']
        '192.0.2.1'   | 5000 | null        | false | ['X-Forwarded-For': ['6.6.6.6'], 'Forwarded': ['for=x']] || ['X-Forwarded-For: 192.0.2.1', 'X-Forwarded-Proto: http', 'X-Forwarded-Port: 8181', 'X-Real-IP: 192.0.2.1', 'Forwarded: for="192.0.2.1:5000";proto=http']
        '10.0.0.1'    | 5000 | 'a'         | false | ['X-Forwarded-For': ['192.0.2.9'], 'Forwarded': ['for=192.0.2.9']] || ['X-Forwarded-For: 192.0.2.9, 10.0.0.1', 'X-Forwarded-Proto: http', 'X-Forwarded-Port: 8181', 'X-Real-IP: 192.0.2.9', 'X-Forwarded-Host: a', 'Forwarded: for=192.0.2.9, for="10.0.0.1:5000";host=a;proto=http']
    }

    def "peer #peer, forwarded #forwarded: the same for every request of its connection: #same"() {
        given:
        def rule = new ForwardingFields(new ForwardingSpec([AddressRange.parse('10.0.0.0/8')], forwarded, false))

        when:
        byte[] lines = rule.connectionLines(peer, 8181, https)

        then: 'the lines and the per-request X-Forwarded-Host are what write adds, in order'
        (lines != null) == same
        !same || new String(lines, 'ISO-8859-1') + 'X-Forwarded-Host: a\r\n' ==
                written(rule, peer, 5000, 'a', https, ['X-Forwarded-For': ['6.6.6.6']]).collect { it + '\r\n' }.join()

        where:
        peer        | forwarded | https || same
        '192.0.2.1' | false     | false || true
        '::1'       | false     | true  || true
        '10.0.0.1'  | false     | false || false
        '192.0.2.1' | true      | false || false
    }

    def "without forwarded: true there is no Forwarded field"() {
        expect:
        written(new ForwardingFields(ForwardingSpec.DEFAULTS), '192.0.2.1', 1, 'a', false, [:]).every { !it.startsWith('Forwarded:') }
    }

    def "#name is #verdict for a client to send"() {
        expect:
        ForwardingFields.isReserved(name) == reserved

        where:
        name                 || reserved
        'X-Forwarded-For'    || true
        'x-forwarded-port'   || true
        'X-Forwarded-Server' || true
        'FORWARDED'          || true
        'X-Real-IP'          || true
        'X-Junction-Pool'    || true
        'X-Junction'         || false
        'X-Forwarded'        || false
        'X-Request-Id'       || false
        verdict = reserved ? 'not allowed' : 'allowed'
    }
}
