package io.junction.e2e

import io.junction.server.metrics.MetricNames
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path

/** Traffic through a real Junction to real backends on loopback, balanced by the plugin strategies. */
class BalancingSpec extends Specification {

    @TempDir Path dir
    @AutoCleanup('close') TestBackend a = new TestBackend('a')
    @AutoCleanup('close') TestBackend b = new TestBackend('b')
    @AutoCleanup('close') TestBackend c = new TestBackend('c')
    @AutoCleanup('close') Junction junction

    private static String script(String strategy, List<String> backends) {
        Junction.onePool("balance '$strategy'\n" + backends.join('\n'))
    }

    def "round robin splits 100 requests 50/50 over two backends"() {
        given:
        junction = new Junction(dir, ['web.groovy': script('round-robin', ["backend '$a.url'", "backend '$b.url'"])])

        when:
        def answers = (1..100).collect { junction.get('/') }

        then:
        answers.every { it.statusCode() == 200 }
        answers.countBy { it.body() } == [a: 50, b: 50]
        a.requests.get() == 50
        b.requests.get() == 50
    }

    def "weighted round robin with weights 5,1,1 answers in nginx's smooth order"() {
        given:
        junction = new Junction(dir, ['web.groovy': script('weighted-round-robin',
                ["backend '$a.url', weight: 5", "backend '$b.url'", "backend '$c.url'"])])

        when:
        def sequence = (1..14).collect { junction.get('/').body() }

        then:
        sequence == ['a', 'a', 'b', 'a', 'c', 'a', 'a'] * 2
    }

    def "a backend that refuses connections is skipped and the client sees no error (#strategy)"() {
        given:
        int dead = Junction.refusedPort()
        junction = new Junction(dir, ['web.groovy': script(strategy, ["backend 'http://127.0.0.1:$dead'", "backend '$a.url'"])])

        when:
        def answers = (1..40).collect { junction.get('/') }

        then:
        answers.every { it.statusCode() == 200 && it.body() == 'a' }
        junction.server.metrics().meter(MetricNames.backendErrors("http://127.0.0.1:$dead")).count > 0

        where:
        strategy << ['round-robin', 'weighted-round-robin']
    }

    def "every request and every backend is counted in the metric registry"() {
        given:
        junction = new Junction(dir, ['web.groovy': script('round-robin', ["backend '$a.url'", "backend '$b.url'"])])
        def metrics = junction.server.metrics()

        when:
        10.times { junction.get('/') }

        then: 'counted when each exchange completes, which may trail the response by a moment'
        new PollingConditions(timeout: 5).eventually {
            assert metrics.timer(MetricNames.listenerRequests('public')).count == 10
            assert metrics.timer(MetricNames.backendRequests(a.url)).count == 5
        }
        metrics.timer(MetricNames.backendRequests(a.url)).count == 5
        metrics.timer(MetricNames.backendRequests(b.url)).count == 5
        metrics.meter(MetricNames.listenerErrors('public')).count == 0
        metrics.gauges[MetricNames.listenerActiveConnections('public')].value == 1   // the test client's one keep-alive connection
        metrics.gauges[MetricNames.backendActiveRequests(a.url)].value == 0
    }
}
