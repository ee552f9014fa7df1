package io.junction.server.http

import spock.lang.Specification

import java.util.concurrent.Executors

class ThreadLocalBufferPoolSpec extends Specification {

    def pool = new ThreadLocalBufferPool(true, 1024, 4)

    def "a buffer comes cleared, of the pool's size and kind"() {
        when:
        def first = pool.allocate()
        first.buffer.put(new byte[100]).flip()
        def reused = first.buffer
        first.close()
        def second = pool.allocate()

        then:
        second.buffer.is(reused)
        second.buffer.position() == 0
        second.buffer.limit() == 1024
        second.buffer.direct
        !pool.arrayBackedPool.direct
        pool.arrayBackedPool.allocate().buffer.hasArray()
    }

    def "a returned lease cannot be used again, and closing it twice returns the buffer once"() {
        given:
        def lease = pool.allocate()
        def buffer = lease.buffer

        when:
        lease.close()
        lease.close()
        def a = pool.allocate()
        def b = pool.allocate()

        then:
        !lease.open
        [a.buffer, b.buffer].count { it.is(buffer) } == 1

        when:
        lease.buffer

        then:
        thrown(IllegalStateException)
    }

    def "buffers freed on another thread are reused there, not lost"() {
        given:
        def executor = Executors.newSingleThreadExecutor()
        def lease = pool.allocate()
        def buffer = lease.buffer

        when:
        executor.submit { lease.close() }.get()
        def again = executor.submit { pool.allocate().buffer }.get()

        then:
        again.is(buffer)

        cleanup:
        executor.shutdownNow()
    }

    def "past what threads keep, up to the shared limit is kept and the rest dropped"() {
        given: 'more leases than one thread keeps (32) plus the shared queue (4)'
        def leases = (1..40).collect { pool.allocate() }
        def buffers = leases*.buffer

        when:
        leases*.close()
        def again = (1..40).collect { pool.allocate().buffer }

        then:
        again.count { b -> buffers.any { it.is(b) } } == 36
    }
}
