package io.junction.e2e

import io.junction.server.config.SettingsException
import io.junction.server.metrics.MetricNames
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger

/** Reloads under steady traffic: nothing fails, valid scripts take effect at once, broken ones change nothing. */
class ReloadSpec extends Specification {

    @TempDir Path dir
    @AutoCleanup('close') TestBackend a = new TestBackend('a')
    @AutoCleanup('close') TestBackend b = new TestBackend('b')
    @AutoCleanup('close') Junction junction
    @AutoCleanup('shutdownNow') ExecutorService clients = Executors.newFixedThreadPool(5)

    static String routingTo(TestBackend backend) {
        Junction.onePool("backend '$backend.url'")
    }

    /** Broken scripts, each with the line its error must name. */
    static final List<List> BROKEN = [
            ["pool('web') {\n    backend 'http://127.0.0.1:1'\n}}}\n", 3],
            ["pool('web') {\n    balance 'no-such-strategy'\n    backend 'http://127.0.0.1:1'\n}\nhttp('public', port: 0, bind: '127.0.0.1') { otherwise { forward 'web' } }\n", 1],
            ["pool('web') {\n    backend 'http://127.0.0.1:1'\n}\nhttp('public', port: 0, bind: '127.0.0.1') {\n    otherwise { forward 'nowhere' }\n}\n", 5],
    ]

    def "50 reloads, valid and broken alternating, under steady traffic: zero failed requests"() {
        given:
        junction = new Junction(dir, ['web.groovy': routingTo(a)])
        def stop = new AtomicBoolean()
        def sent = new AtomicInteger()
        def failures = new ConcurrentLinkedQueue<String>()
        def loops = (1..4).collect { steadyClient(stop, sent, failures) }

        when:
        def outcomes = (1..50).collect { i ->
            if (i % 2 == 1) {
                def target = (i % 4 == 1) ? b : a
                def result = junction.reload(['web.groovy': routingTo(target)])
                [valid: true, succeeded: result.succeeded(), expected: target.name, answered: junction.get('/').body()]
            } else {
                def (script, line) = BROKEN[(i / 2 as int) % BROKEN.size()]
                def before = junction.get('/').body()
                def result = junction.reload(['web.groovy': script])
                [valid: false, succeeded: result.succeeded(), errors: result.errors(), line: line,
                 expected: before, answered: junction.get('/').body()]
            }
        }
        stop.set(true)
        CompletableFuture.allOf(loops as CompletableFuture[]).join()

        then: 'every request of the steady clients got a 200'
        sent.get() > 100
        failures.isEmpty()

        and: 'valid reloads took effect at once; broken ones were refused with file:line and changed nothing'
        outcomes.findAll { it.valid }.every { it.succeeded && it.answered == it.expected }
        outcomes.findAll { !it.valid }.every { o ->
            !o.succeeded && o.answered == o.expected && o.errors.any { it.startsWith("web.groovy:${o.line}:") }
        }
        junction.server.generation() == 26
    }

    def "a request in flight during a reload finishes on the generation it started with"() {
        given:
        junction = new Junction(dir, ['web.groovy': routingTo(a)])
        def inFlight = CompletableFuture.supplyAsync({ junction.get('/gate') }, clients)
        new PollingConditions(timeout: 10).eventually { assert a.waiting.get() == 1 }
        def inFlightToA = junction.server.metrics().gauges[MetricNames.backendActiveRequests(a.url)]
        assert inFlightToA.value == 1

        when: 'the reload removes the backend the request is waiting on'
        def result = junction.reload(['web.groovy': routingTo(b)])

        then: 'the removed backend still counts the request it is serving'
        result.succeeded()
        inFlightToA.value == 1
        junction.get('/').body() == 'b'

        when:
        a.openGate()

        then: 'the request finishes on its generation; then the backend is forgotten, metrics and all'
        inFlight.get().statusCode() == 200
        inFlight.get().body() == 'a'
        new PollingConditions(timeout: 5).eventually {
            assert inFlightToA.value == 0
            assert !junction.server.metrics().names.any { it.contains(a.url - 'http://') }
        }
    }

    def "a reload is reported as it happened: failed means the old generation still serves, succeeded means the new one does"() {
        given: 'a plugins folder of our own, and a short drain timeout, so the replaced plugins are closed soon'
        def plugins = Files.createDirectories(dir.resolve('plugins'))
        def jar = basicStrategiesJar()
        Files.copy(jar, plugins.resolve(jar.fileName))
        junction = new Junction(dir, ['web.groovy': routingTo(a)], ['junction.drain.timeout': '50ms'], plugins)
        def metrics = junction.server.metrics()

        when: 'the plugins folder changes, so the reload loads a new plugin set'
        Files.setLastModifiedTime(plugins.resolve(jar.fileName), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000))
        def result = junction.reload(['web.groovy': routingTo(b)])

        then: 'the answer and the counters agree with what serves'
        def served = junction.get('/').body()
        result.succeeded() == (served == 'b')
        result.succeeded() == (junction.server.generation() == 2)
        metrics.counter(MetricNames.reloads(true)).count == (result.succeeded() ? 1 : 0)
        metrics.counter(MetricNames.reloads(false)).count == (result.succeeded() ? 0 : 1)
        result.succeeded()

        and: 'the new generation keeps its plugins when the old ones are closed after the drain timeout'
        new PollingConditions(timeout: 5).eventually { assert junction.get('/').body() == 'b' }
    }

    def "a drain timeout without its unit is refused when the settings load, before anything could be swapped"() {
        when:
        junction = new Junction(dir, ['web.groovy': routingTo(a)], ['junction.drain.timeout': '30'])

        then:
        def e = thrown(SettingsException)
        e.problems() == ["command line junction.drain.timeout: must be a duration like 250ms, 5s, 2m or 1h, got '30'"]
    }

    def "plugins are rescanned on reload: without the JAR a reload fails and the old generation keeps its strategy"() {
        given: 'no built-in plugins, and a copy of the built-in JAR in the drop-in folder'
        def plugins = Files.createDirectories(dir.resolve('plugins'))
        def jar = basicStrategiesJar()
        Files.copy(jar, plugins.resolve(jar.fileName))
        junction = new Junction(dir, ['web.groovy': routingTo(a)], [:], Files.createDirectories(dir.resolve('no-builtins')))

        when: 'the JAR is removed and the scripts reloaded'
        Files.delete(plugins.resolve(jar.fileName))
        def withoutPlugin = junction.reload(['web.groovy': routingTo(b)])

        then: 'the scripts name round-robin, which nothing provides any more'
        !withoutPlugin.succeeded()
        withoutPlugin.errors().any { it.contains("unknown balancing strategy 'round-robin'; available: (none)") }
        junction.get('/').body() == 'a'

        when: 'the JAR comes back'
        Files.copy(jar, plugins.resolve(jar.fileName))
        def withPlugin = junction.reload(['web.groovy': routingTo(b)])

        then:
        withPlugin.succeeded()
        junction.get('/').body() == 'b'
    }

    private CompletableFuture<Void> steadyClient(AtomicBoolean stop, AtomicInteger sent, Queue<String> failures) {
        def client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        CompletableFuture.runAsync({
            def request = HttpRequest.newBuilder(junction.uri()).timeout(Duration.ofSeconds(10)).build()
            while (!stop.get()) {
                try {
                    def response = client.send(request, HttpResponse.BodyHandlers.ofString())
                    if (response.statusCode() != 200) {
                        failures << "status ${response.statusCode()}: ${response.body()}".toString()
                    }
                } catch (Exception e) {
                    failures << e.toString()
                }
                sent.incrementAndGet()
            }
        }, clients)
    }

    /** The built-in JAR that provides round-robin, the strategy these scripts name. */
    private static Path basicStrategiesJar() {
        Files.list(Junction.PLUGINS).withCloseable { files ->
            files.filter { it.fileName.toString().startsWith('junction-basic-strategies-') }.findFirst().get()
        }
    }
}
