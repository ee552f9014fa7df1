package io.junction.core.http

import spock.lang.Specification

import java.util.concurrent.CountDownLatch
import java.util.concurrent.atomic.AtomicInteger

/** HAProxy's maxconn rule: full at a listener's cap or the total's, and a stopped acceptor resumed once a slot frees. */
class ConnectionSlotsSpec extends Specification {

    def "listener cap #listenerCap, total cap #totalCap: with #here open here and #elsewhere elsewhere it is full: #full"() {
        given:
        def total = ConnectionSlots.total(totalCap)
        def slots = total.listener(listenerCap)
        def other = total.listener(0)

        when:
        here.times { slots.tryOpen() }
        elsewhere.times { other.tryOpen() }

        then:
        slots.full() == full
        slots.open() == here
        !full || !slots.tryOpen()

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
        assert slots.tryOpen()
        if (cap == 'total') {
            assert other.tryOpen()
        }
        int resumed = 0

        when:
        slots.stopped { resumed++ }

        then: 'nothing frees yet'
        resumed == 0

        when:
        (where == 'here' ? slots : other).closed()
        assert slots.tryOpen()
        slots.closed()

        then:
        resumed == 1

        where:
        cap        | where
        'listener' | 'here'
        'total'    | 'here'
        'total'    | 'elsewhere'
    }

    def "#threads threads taking slots at once under listener cap #listenerCap and total cap #totalCap never hold more than the cap"() {
        given:
        def total = ConnectionSlots.total(totalCap)
        def listeners = [total.listener(listenerCap), total.listener(listenerCap)]
        def start = new CountDownLatch(1)
        def held = new AtomicInteger()
        def most = new AtomicInteger()
        def taken = new AtomicInteger()
        def workers = (1..threads).collect { i ->
            Thread.start {
                def slots = listeners[i % 2]
                start.await()
                2_000.times {
                    if (slots.tryOpen()) {
                        taken.incrementAndGet()
                        most.accumulateAndGet(held.incrementAndGet(), Math::max)
                        held.decrementAndGet()
                        slots.closed()
                    }
                }
            }
        }

        when:
        start.countDown()
        workers*.join()

        then: 'slots were taken, never more at once than the caps allow'
        taken.get() > 0
        most.get() <= cap
        total.open() == 0

        where:
        threads | listenerCap | totalCap || cap
        8       | 0           | 2        || 2
        8       | 1           | 0        || 2
        8       | 3           | 1        || 1
    }

    def "a stop is logged at most once a second"() {
        given:
        def slots = ConnectionSlots.total(1)
        assert slots.tryOpen()

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
