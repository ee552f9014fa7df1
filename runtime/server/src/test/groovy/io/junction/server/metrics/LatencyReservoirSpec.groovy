package io.junction.server.metrics

import groovy.transform.CompileStatic
import spock.lang.Specification

import java.lang.management.ManagementFactory
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

class LatencyReservoirSpec extends Specification {

    static final long MS = TimeUnit.MILLISECONDS.toNanos(1)

    long now = 0
    LatencyReservoir reservoir = new LatencyReservoir({ now })

    def "the #quantile quantile of 1..10,000 ms is #expected ms to two significant digits"() {
        given:
        (1..10_000).each { reservoir.update(it * MS) }

        expect:
        Math.abs(reservoir.snapshot.getValue(quantile) - expected * MS) <= expected * MS / 100

        where:
        quantile || expected
        0.5      || 5_000
        0.9      || 9_000
        0.99     || 9_900
        0.999    || 9_990
        1.0      || 10_000
    }

    def "a snapshot's min, max, mean and sample describe its values"() {
        given:
        (1..10_000).each { reservoir.update(it * MS) }

        when:
        def snapshot = reservoir.snapshot

        then:
        Math.abs(snapshot.min - MS) <= MS / 100
        Math.abs(snapshot.max - 10_000 * MS) <= 100 * MS
        Math.abs(snapshot.mean - 5_000 * MS) <= 50 * MS
        snapshot.size() == LatencyReservoir.SAMPLE_SIZE
        snapshot.values.toList() == snapshot.values.toList().sort()
        Math.abs(snapshot.values[LatencyReservoir.SAMPLE_SIZE.intdiv(2)] - 5_000 * MS) <= 60 * MS
    }

    def "an empty reservoir answers zeros"() {
        expect:
        with(reservoir.snapshot) {
            getValue(0.99) == 0
            max == 0
            min == 0
            mean == 0
            size() == 0
        }
    }

    def "values recorded #windows half-windows ago are #shown in the snapshot"() {
        given: 'a snapshot every half window, old values of 100 ms and then only 5 ms ones'
        reservoir.update(100 * MS)
        reservoir.snapshot
        windows.times {
            now += LatencyReservoir.HALF_WINDOW_NANOS
            reservoir.update(5 * MS)
            reservoir.snapshot
        }

        expect:
        (reservoir.snapshot.max >= 99 * MS) == (shown == 'still')

        where:
        windows || shown
        1       || 'still'
        2       || 'no longer'
        3       || 'no longer'
    }

    def "a value of #value ns counts as #kept ns"() {
        when:
        reservoir.update(value)

        then: 'to two significant digits, and to a microsecond below 100 µs'
        Math.abs(reservoir.snapshot.max - kept) <= Math.max(kept / 100, 1_000)

        where:
        value          || kept
        -5             || 0
        Long.MAX_VALUE || LatencyReservoir.HIGHEST
    }

    def "values recorded by #threads threads at once are all counted"() {
        given: 'thread i records (i + 1) ms, 20,000 times'
        def pool = Executors.newFixedThreadPool(threads)
        def done = (0..<threads).collect { int i -> pool.submit { 20_000.times { reservoir.update((i + 1) * MS) } } }
        done*.get()
        pool.shutdown()

        when:
        def snapshot = reservoir.snapshot

        then: 'each thread holds an equal share of the ranks'
        (0..<threads).every { int i ->
            Math.abs(snapshot.getValue((i + 0.5) / threads) - (i + 1) * MS) <= (i + 1) * MS / 100
        }

        where:
        threads = 4
    }

    def "a warm reservoir allocates nothing per value"() {
        given:
        def threads = (com.sun.management.ThreadMXBean) ManagementFactory.threadMXBean
        long id = Thread.currentThread().id
        record(200_000)

        when:
        long before = threads.getThreadAllocatedBytes(id)
        record(200_000)
        long allocated = threads.getThreadAllocatedBytes(id) - before

        then: 'less than a byte per value (the reading itself may cost a few)'
        allocated < 200_000
    }

    /** Statically compiled: a dynamic call would box its argument. */
    @CompileStatic
    private void record(int count) {
        for (int i = 0; i < count; i++) {
            reservoir.update(i * 1_000L)
        }
    }
}
