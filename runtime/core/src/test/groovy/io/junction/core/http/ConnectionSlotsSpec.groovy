package io.junction.core.http

import spock.lang.Specification

/** HAProxy's maxconn rule: full at a listener's cap or the total's, and a stopped acceptor resumed once a slot frees. */
class ConnectionSlotsSpec extends Specification {

    def "listener cap #listenerCap, total cap #totalCap: with #here open here and #elsewhere elsewhere it is full: #full"() {
        given:
        def total = ConnectionSlots.total(totalCap)
        def slots = total.listener(listenerCap)
        def other = total.listener(0)

        when:
        here.times { slots.opened() }
        elsewhere.times { other.opened() }

        then:
        slots.full() == full
        slots.open() == here

        where:
        listenerCap | totalCap | here | elsewhere || full
        0           | 0        | 1000 | 1000      || false
        2           | 0        | 1    | 50        || false
        2           | 0        | 2    | 0         || true
        0           | 3        | 1    | 1         || false
        0           | 3        | 1    | 2         || true
        5           | 3        | 2    | 1         || true
    }

    def "an acceptor stopped at the #cap cap is resumed once, when a connection #where ends"() {
        given:
        def total = ConnectionSlots.total(cap == 'total' ? 2 : 0)
        def slots = total.listener(cap == 'listener' ? 1 : 0)
        def other = total.listener(0)
        slots.opened()
        if (cap == 'total') {
            other.opened()
        }
        int resumed = 0

        when:
        slots.stopped { resumed++ }

        then: 'nothing frees yet'
        resumed == 0

        when:
        (where == 'here' ? slots : other).closed()
        slots.opened()
        slots.closed()

        then:
        resumed == 1

        where:
        cap        | where
        'listener' | 'here'
        'total'    | 'here'
        'total'    | 'elsewhere'
    }

    def "a stop is logged at most once a second"() {
        given:
        def slots = ConnectionSlots.total(1)
        slots.opened()

        expect:
        (1..5).collect { slots.stopped {} } == [true, false, false, false, false]
    }

    def "a cap below 0 is refused"() {
        when:
        ConnectionSlots.total(0).listener(-1)

        then:
        thrown(IllegalArgumentException)
    }
}
