package io.junction.server.proxy

import org.xnio.OptionMap
import org.xnio.Options
import org.xnio.Xnio
import org.xnio.XnioIoThread
import org.xnio.XnioWorker
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

import java.util.concurrent.ConcurrentLinkedQueue

class DeadlinesSpec extends Specification {

    @Shared XnioWorker worker = Xnio.getInstance().createWorker(OptionMap.create(Options.WORKER_IO_THREADS, 1))
    @AutoCleanup('close') Deadlines deadlines = new Deadlines()
    def fired = new ConcurrentLinkedQueue<String>()
    def eventually = new PollingConditions(timeout: 5)

    def cleanupSpec() {
        worker.shutdownNow()
    }

    XnioIoThread getThread() { worker.getIoThread(0) }

    /** A deadline that records its name and the time it fired. */
    Deadlines.Deadline deadline(String name) {
        new Deadlines.Deadline(deadlines, thread) {
            @Override
            void expired() {
                assert Thread.currentThread() == thread
                fired << name
            }
        }
    }

    def "an armed deadline fires once, no earlier than its timeout"() {
        given:
        def d = deadline('a')
        long start = System.nanoTime()

        when:
        d.arm(200)

        then:
        eventually.eventually { assert fired.contains('a') }
        (System.nanoTime() - start) / 1_000_000 >= 200

        when: 'a marker armed after it fires, several sweeps later'
        deadline('marker').arm(4 * Deadlines.TICK_MILLIS)

        then: 'by then the first one had every chance to fire again'
        eventually.eventually { assert fired.contains('marker') }
        fired.toList() == ['a', 'marker']
    }

    def "a disarmed deadline never fires, while one armed after it does"() {
        given:
        def early = deadline('disarmed')
        def later = deadline('armed')

        when:
        early.arm(100)
        early.disarm()
        later.arm(300)

        then: 'by the time the later one fired, the earlier one was long due'
        eventually.eventually { assert fired.toList() == ['armed'] }
    }

    def "arming twice keeps the first deadline, and a deadline can be armed again after it fired"() {
        given:
        def d = deadline('d')

        when:
        d.arm(100)
        d.arm(10_000)

        then:
        eventually.eventually { assert fired.toList() == ['d'] }

        when:
        d.arm(100)

        then:
        eventually.eventually { assert fired.toList() == ['d', 'd'] }
    }

    def "many deadlines on one thread fire, each once"() {
        when:
        (1..50).each { deadline("d$it").arm(it % 3 * 100) }

        then:
        eventually.eventually { assert fired.size() == 50 }
        fired.toSet().size() == 50
    }
}
