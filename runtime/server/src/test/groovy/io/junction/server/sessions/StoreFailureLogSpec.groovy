package io.junction.server.sessions

import spock.lang.Specification

import java.util.concurrent.CompletionException
import java.util.concurrent.TimeoutException

class StoreFailureLogSpec extends Specification {

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
