package io.junction.core.affinity

import spock.lang.Specification

class SessionSignerSpec extends Specification {

    static final long NOW = 1_800_000_000L

    def signer = new SessionSigner(['new-key-0123456789abcdef', 'old-key-0123456789abcdef'])

    def "an issued value verifies to its id until it expires"() {
        given:
        def value = signer.issue(NOW + 60)

        expect:
        signer.verify(value, NOW) == SessionSigner.idOf(value)
        signer.verify(value, NOW + 59) != null
        signer.verify(value, NOW + 60) == null
    }

    def "a value signed by any of the keys verifies; new values are signed by the first"() {
        expect:
        signer.verify(new SessionSigner(['old-key-0123456789abcdef']).issue(NOW + 60), NOW) != null
        new SessionSigner(['new-key-0123456789abcdef']).verify(signer.issue(NOW + 60), NOW) != null
        new SessionSigner(['old-key-0123456789abcdef']).verify(signer.issue(NOW + 60), NOW) == null
    }

    def "#kind is refused"() {
        given:
        def value = signer.issue(NOW + 60)

        expect:
        signer.verify(change.call(value), NOW) == null

        where:
        kind                    || change
        'a longer expiry'       || { String v -> v.replaceFirst(/\.\d+\./, ".${NOW + 999999}.") }
        'another id'            || { String v -> (v[0] == 'A' ? 'B' : 'A') + v.substring(1) }
        'another mac'           || { String v -> v.substring(0, v.length() - 1) + (v[-1] == 'A' ? 'B' : 'A') }
        'a foreign key'         || { String v -> new SessionSigner(['foreign-key-0123456789ab']).issue(NOW + 60) }
        'a backend address'     || { String v -> 'http://127.0.0.1:9001' }
        'nothing'               || { String v -> '' }
        'no value'              || { String v -> null }
    }
}
