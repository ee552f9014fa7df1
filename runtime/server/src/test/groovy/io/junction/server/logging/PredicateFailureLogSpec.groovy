package io.junction.server.logging

import com.codahale.metrics.MetricRegistry
import io.junction.core.model.Action
import io.junction.core.model.RouteSpec
import io.junction.core.model.SourceLocation
import io.junction.server.testing.LogCapture
import spock.lang.AutoCleanup
import spock.lang.Specification

import java.util.concurrent.TimeUnit

class PredicateFailureLogSpec extends Specification {

    long now = 0
    MetricRegistry metrics = new MetricRegistry()
    PredicateFailureLog failures = new PredicateFailureLog(metrics, { now })
    @AutoCleanup LogCapture log = LogCapture.of(PredicateFailureLog)

    static RouteSpec route(int line) {
        def at = new SourceLocation('20-http.groovy', line, 5)
        RouteSpec.catchAll(new Action.Forward('web', at), at)
    }

    def "each route's failures are counted, and logged at most once a second per route with the held-back count"() {
        when: 'route 4 fails three times within a second, route 7 once, then route 4 once a second later'
        3.times { failures.threw(route(4), new IllegalStateException('no tenant')) }
        failures.threw(route(7), new IllegalArgumentException())
        now += TimeUnit.MILLISECONDS.toNanos(999)
        failures.threw(route(4), new IllegalStateException('no tenant'))
        now += TimeUnit.MILLISECONDS.toNanos(1)
        failures.threw(route(4), new IllegalStateException('still none'))

        then:
        metrics.counter('junction.route.20-http.groovy:4.predicate-failures').count == 5
        metrics.counter('junction.route.20-http.groovy:7.predicate-failures').count == 1
        log.lines == [
                'route at 20-http.groovy:4: its when predicate threw (no tenant); the route did not match',
                'route at 20-http.groovy:7: its when predicate threw (java.lang.IllegalArgumentException); the route did not match',
                'route at 20-http.groovy:4: its when predicate threw (still none); the route did not match (3 more since the last message)']
    }
}
