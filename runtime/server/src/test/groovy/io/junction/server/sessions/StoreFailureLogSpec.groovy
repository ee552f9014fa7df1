package io.junction.server.sessions

import com.codahale.metrics.MetricRegistry
import io.junction.server.testing.LogCapture
import spock.lang.AutoCleanup
import spock.lang.Specification

import java.util.concurrent.CompletionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException

class StoreFailureLogSpec extends Specification {

    long now = 0
    MetricRegistry metrics = new MetricRegistry()
    StoreFailureLog failures = new StoreFailureLog(metrics, { now })
    @AutoCleanup LogCapture log = LogCapture.of(StoreFailureLog)

    def "#kind failures are each counted and logged at most once a second, the held-back ones counted in the next line"() {
        when: 'three failures within a second, then one after it'
        3.times { report(failures, 'web', new IllegalStateException('down')) }
        now += TimeUnit.MILLISECONDS.toNanos(999)
        report(failures, 'web', new IllegalStateException('down'))
        now += TimeUnit.MILLISECONDS.toNanos(1)
        report(failures, 'web', new IllegalStateException('still down'))

        then:
        metrics.counter(metric.call('web')).count == 5
        metrics.counter(other.call('web')).count == 0
        log.lines.size() == 2
        log.lines[0] ==~ /pool 'web': $what \(java.lang.IllegalStateException: down\); [^(]*/
        log.lines[1] ==~ /pool 'web': $what \(java.lang.IllegalStateException: still down\).* \(3 more failures since the last message\)/

        where:
        kind     | report                                     | metric                           | other                            || what
        'lookup' | { f, pool, cause -> f.failed(pool, cause) }    | StoreFailureLog.&lookupFailures  | StoreFailureLog.&putFailures     || /session store failed/
        'put'    | { f, pool, cause -> f.putFailed(pool, cause) } | StoreFailureLog.&putFailures     | StoreFailureLog.&lookupFailures  || /session store did not keep a pin/
    }

    def "the log line names every cause: #chain"() {
        expect:
        StoreFailureLog.causeChain(failure) == chain

        where:
        failure                                                                                || chain
        new IllegalStateException('down')                                                      || 'java.lang.IllegalStateException: down'
        new IllegalStateException('Unable to connect', new CompletionException(new TimeoutException('200 ms'))) ||
                'java.lang.IllegalStateException: Unable to connect <- java.util.concurrent.CompletionException: ' +
                'java.util.concurrent.TimeoutException: 200 ms <- java.util.concurrent.TimeoutException: 200 ms'
    }

    def "a cause that loops back is named once"() {
        given:
        def outer = new IllegalStateException('outer')
        def inner = new IllegalArgumentException('inner', outer)
        outer.initCause(inner)

        expect:
        StoreFailureLog.causeChain(outer) == 'java.lang.IllegalStateException: outer <- java.lang.IllegalArgumentException: inner'
    }
}
