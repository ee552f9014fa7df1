package io.junction.e2e

import com.sun.net.httpserver.HttpServer
import io.junction.core.model.BackendMode
import io.junction.server.testing.LogCapture
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Path
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger

/** Sick backends are kept out of the way: active checks, passive ejection, all-down answers, modes and resends. */
class HealthSpec extends Specification {

    /** How late a timer may fire on a loaded 2-core machine: added to upper bounds of what a scheduler paces. */
    static final double LATE_SCHEDULER_S = 5

    @TempDir Path dir
    @AutoCleanup('close') Junction junction
    TestBackend a = new TestBackend('a')
    TestBackend b = new TestBackend('b')
    List<Closeable> cleanup = []

    def cleanup() {
        ([a, b] + cleanup).each { it.close() }
    }

    private boolean up(TestBackend backend) {
        junction.server.backend(backend.url).get().health().up()
    }

    def "a backend killed under a GET loop costs no client error, is marked down after fall failed probes, and is back after rise passes"() {
        given: 'probes whose timeout a loaded machine does not overrun twice in a row (b down too would fail the loop)'
        junction = new Junction(dir, ['web.groovy': Junction.onePool("""
    backend '$a.url'
    backend '$b.url'
    health 'http', path: '/healthz', interval: '500ms', timeout: '400ms', fall: 2, rise: 2""")])
        // the loop starts once both have passed a probe: a first probe that overruns its timeout on a loaded machine
        // (the check's own warm-up) would mark a healthy backend down and make the loop's 503s the start's, not a's
        new PollingConditions(timeout: 10).eventually {
            assert [a, b].every { backend -> junction.server.backend(backend.url).get().health().recent().any { it.passed() } }
        }
        def failures = new AtomicInteger()
        def answers = new AtomicInteger()
        def running = new AtomicBoolean(true)
        def loop = Thread.start {
            while (running.get()) {
                try {
                    if (junction.get('/').statusCode() != 200) failures.incrementAndGet()
                } catch (IOException ignored) {
                    failures.incrementAndGet()
                }
                answers.incrementAndGet()
            }
        }
        new PollingConditions(timeout: 5).eventually { assert answers.get() > 20 }

        when: 'a dies'
        a.close()
        long killed = System.nanoTime()

        then: 'down after fall x interval + timeout (plus 10% jitter of each interval, the first probe under way and a late scheduler)'
        new PollingConditions(timeout: 2 * 0.55 + 0.4 + 0.55 + LATE_SCHEDULER_S, delay: 0.01).eventually { assert !up(a) }
        long markedDown = System.nanoTime() - killed

        when: 'a comes back on its address'
        def again = new TestBackend('a again', a.port)
        cleanup << again

        then: 'up after rise passed probes'
        new PollingConditions(timeout: 2 * 0.55 + 0.55 + 0.4 + LATE_SCHEDULER_S, delay: 0.01).eventually { assert up(a) }
        new PollingConditions(timeout: 5).eventually { assert again.requests.get() > 2 }

        when:
        running.set(false)
        loop.join(10_000)

        then: 'no client saw an error'
        failures.get() == 0
        markedDown > 0
        junction.server.metrics().counter("junction.backend.127.0.0.1:${a.port}.health.went-down").count >= 1
        junction.server.backend(a.url).get().health().recent().any { !it.passed() }
    }

    def "health state outlives a reload that keeps the backend and its check"() {
        given:
        def dead = Junction.refusedPort()
        junction = new Junction(dir, ['web.groovy': Junction.onePool("""
    backend '$a.url'
    backend 'http://127.0.0.1:$dead'
    health 'tcp', interval: '100ms', timeout: '50ms', fall: 1, rise: 1""")])
        def deadId = "http://127.0.0.1:$dead" as String
        new PollingConditions(timeout: 10).eventually { assert !junction.server.backend(deadId).get().health().up() }

        when:
        def result = junction.reload(['web.groovy': Junction.onePool("""
    backend '$a.url'
    backend 'http://127.0.0.1:$dead'
    backend '$b.url'
    health 'tcp', interval: '100ms', timeout: '50ms', fall: 1, rise: 1""")])

        then: 'still down at once, not reset to the initial state'
        result.succeeded()
        !junction.server.backend(deadId).get().health().up()
    }

    def "a backend answering #status is ejected after #failures failures in a row; the others take the rest"() {
        given:
        def sick = server { ex -> ex.sendResponseHeaders(status, -1); ex.close() }
        junction = new Junction(dir, ['web.groovy': Junction.onePool("""
    backend 'http://127.0.0.1:$sick.address.port'
    backend '$b.url'
    eject failures: $failures, time: '1m'""")])

        when:
        def statuses = (1..20).collect { junction.get('/').statusCode() }

        then:
        statuses.count { it == status } == failures
        statuses.count { it == 200 } == 20 - failures

        where:
        status | failures
        500    | 3
        503    | 2
    }

    def "when every backend is down the answer is 503 with Retry-After at once, waiting for no probe (every 2 s) nor the Retry-After (3 s)"() {
        given:
        junction = new Junction(dir, ['web.groovy': Junction.onePool("""
    backend '$a.url'
    backend '$b.url'
    health 'http', status: '599', initial: 'down'
    allDown retryAfter: '3s'""")])
        junction.get('/')

        when:
        long started = System.nanoTime()
        def response = junction.get('/')
        long took = System.nanoTime() - started

        then:
        response.statusCode() == 503
        response.headers().firstValue('Retry-After').get() == '3'
        response.body() == "service unavailable: no backend of pool 'web' is up\n"
        took < 1_000_000_000 // far below what Junction could wait for, far above a loaded machine's stall
    }

    def "in panic, a pool whose backends are all down spreads requests over all of them"() {
        given:
        junction = new Junction(dir, ['web.groovy': Junction.onePool("""
    backend '$a.url'
    backend '$b.url'
    health 'http', path: '/never', status: '599', initial: 'down'
    allDown panic: true""")])

        when:
        def bodies = (1..6).collect { junction.get('/').body() }

        then:
        bodies.toSet() == ['a', 'b'] as Set
    }

    def "a backend set to #mode at run time takes no new requests; up again, it does"() {
        given:
        junction = new Junction(dir, ['web.groovy': Junction.onePool("backend '$a.url'\nbackend '$b.url'")])

        when:
        junction.server.backendMode(a.url, mode)
        def bodies = (1..4).collect { junction.get('/').body() }

        then:
        bodies == ['b'] * 4

        when:
        junction.server.backendMode(a.url, BackendMode.UP)

        then:
        (1..4).collect { junction.get('/').body() }.toSet() == ['a', 'b'] as Set

        where:
        mode << [BackendMode.DRAIN, BackendMode.MAINT]
    }

    def "a backend with state: 'drain' in the script takes no new requests"() {
        given:
        junction = new Junction(dir, ['web.groovy': Junction.onePool("backend '$a.url', state: 'drain'\nbackend '$b.url'")])

        expect:
        (1..4).collect { junction.get('/').body() } == ['b'] * 4
    }

    def "a flapping backend is damped: each ejection in a row lasts longer, and each is logged in one line and counted"() {
        given: 'a backend that fails every request, out for 150 ms more with each ejection in a row'
        List<Long> hits = Collections.synchronizedList([])
        def sick = server { ex -> hits << System.nanoTime(); ex.sendResponseHeaders(500, -1); ex.close() }
        def sickUrl = "http://127.0.0.1:$sick.address.port"
        def log = LogCapture.of('io.junction.server.metrics.BackendMetrics')
        cleanup << log
        junction = new Junction(dir, ['web.groovy': Junction.onePool("""
    backend '$sickUrl'
    backend '$b.url'
    eject failures: 1, time: '150ms', maxTime: '10s'""")])

        when: 'a client keeps asking until the sick backend was let back in three times'
        long deadline = System.nanoTime() + 10_000_000_000L
        while (hits.size() < 4 && System.nanoTime() < deadline) {
            junction.get('/')
        }
        def gapsMillis = (1..3).collect { (hits[it] - hits[it - 1]).intdiv(1_000_000) }

        then: 'out 150, 300, 450 ms in turn'
        hits.size() == 4
        (0..2).every { gapsMillis[it] >= 150 * (it + 1) }
        junction.server.metrics().meter('junction.pool.web.ejections').count == 4
        log.lines.findAll { it.contains('ejected') } == [150, 300, 450, 600].collect {
            "pool 'web': backend $sickUrl ejected for $it ms (1 failure(s) in a row; last: answered 500)".toString()
        }
        junction.server.backend(sickUrl).get().ejection().ejectionsInRow() == 4
    }

    def "with retries 1, a #method whose backend breaks after receiving it is #expected"() {
        given: 'a backend that reads the request and drops the connection, weighted to be picked first'
        def breaking = new BreakingBackend()
        cleanup << breaking
        junction = new Junction(dir, ['web.groovy': Junction.onePool("""
    balance 'weighted-round-robin'
    backend '$breaking.url', weight: 5
    backend '$b.url'
    retries 1""")])

        when:
        def response = RawHttp.exchange(junction.server.port('public'),
                "$method / HTTP/1.1\nHost: a\nContent-Length: ${body.length()}\nConnection: close\n\n", body.bytes)

        then:
        response.status == status
        breaking.connections.get() == 1
        b.requests.get() == (status == 200 ? 1 : 0)

        where:
        method | body    | status || expected
        'GET'  | ''      | 200    || 'resent to another backend'
        'PUT'  | ''      | 200    || 'resent to another backend'
        'POST' | ''      | 502    || 'not resent'
        'POST' | 'hello' | 502    || 'not resent'
        'PUT'  | 'hello' | 502    || 'not resent: a body is never sent again'
    }

    private HttpServer server(Closure handler) {
        def server = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 16)
        server.createContext('/', handler as com.sun.net.httpserver.HttpHandler)
        server.start()
        cleanup << ({ server.stop(0) } as Closeable)
        server
    }

}
