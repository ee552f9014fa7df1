package io.junction.core.forward

import io.junction.api.BalancingStrategy
import io.junction.api.Outcome
import io.junction.api.PoolContext
import io.junction.api.RequestView
import io.junction.core.model.AllDownSpec
import io.junction.core.model.BackendAddress
import io.junction.core.model.BackendMode
import io.junction.core.model.BackendSpec
import io.junction.core.model.ConnectionLimits
import io.junction.core.model.EjectionSpec
import io.junction.core.model.HealthSpec
import io.junction.core.model.PoolSpec
import io.junction.core.model.RetrySpec
import io.junction.core.model.RouteRetry
import io.junction.core.model.SourceLocation
import io.junction.core.pool.BackendHealth
import io.junction.core.pool.BackendStates
import io.junction.core.pool.LeaseListener
import io.junction.core.pool.Pool
import io.junction.core.pool.ProbeRecord
import spock.lang.Specification

import java.time.Duration
import java.time.Instant

import static io.junction.core.pool.BackendHealth.Transition.WENT_DOWN
import static io.junction.core.pool.BackendHealth.Transition.WENT_UP

/** Which backends a request may use (health, ejection, modes, all down, panic) and when a sent request is resent. */
class ResilienceSpec extends Specification {

    static final HealthSpec CHECK = new HealthSpec('http', [:], Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 2, HealthSpec.Initial.UP)

    def states = new BackendStates()
    def ended = []
    int noRooms

    def "a backend that is #why is skipped; the request goes to the next one"() {
        given:
        def engine = new ForwardAttemptSpec.ScriptedEngine(['ok'])
        def pool = pool(2, [modes: [mode, BackendMode.UP]])
        makeSick(this, pool.members()[0])

        when:
        attempt(pool, engine).start()

        then:
        engine.tried == ['http://127.0.0.1:9001']

        where:
        why               | mode               | makeSick
        'down'            | BackendMode.UP     | { s, m -> m.state().health().checkedBy(CHECK); 2.times { m.state().health().record(probe(false)) } }
        'draining'        | BackendMode.DRAIN  | { s, m -> }
        'in maintenance'  | BackendMode.MAINT  | { s, m -> }
        'ejected'         | BackendMode.UP     | { s, m -> 5.times { s.endFailed(m) } }
    }

    def "when no backend is available the answer is 503 with Retry-After #seconds s at once, without a connect"() {
        given:
        def engine = new ForwardAttemptSpec.ScriptedEngine([])
        def pool = pool(2, [modes: [BackendMode.DRAIN, BackendMode.MAINT], allDown: new AllDownSpec(false, Duration.ofMillis(millis))])

        when:
        attempt(pool, engine).start()

        then:
        engine.tried == []
        engine.answers == ["503 retry-after $seconds: service unavailable: no backend of pool 'web' is up\n" as String]
        engine.errors == [ProxyError.DESTINATION_UNAVAILABLE]

        where:
        millis || seconds
        1000   || 1
        1500   || 2
        10     || 1
    }

    def "in panic, a pool with no available backend spreads over every backend not in maintenance"() {
        given:
        def engine = new ForwardAttemptSpec.ScriptedEngine(['ok'])
        def pool = pool(3, [modes: [BackendMode.MAINT, BackendMode.UP, BackendMode.UP], allDown: new AllDownSpec(true, Duration.ofSeconds(1))])
        pool.members().each { it.state().health().checkedBy(CHECK); 2.times { _ -> it.state().health().record(probe(false)) } }

        when:
        attempt(pool, engine).start()

        then:
        engine.tried == ['http://127.0.0.1:9001']
        engine.answers == []
    }

    def "a #method that failed after it was sent, with retries #retries: #expected"() {
        given:
        def engine = new ForwardAttemptSpec.ScriptedEngine(['ok', 'ok', 'ok'])
        def pool = pool(3, [retries: new RetrySpec(retries, Duration.ofSeconds(10), 20)])
        def attempt = attempt(pool, engine, method)
        attempt.start()

        when:
        attempt.backendBroke(true, false)

        then:
        engine.tried == tried
        engine.answers == (expected == 'resent' ? [] : ["502 bad gateway: the backend failed before completing its response\n"])
        attempt.resends() == (expected == 'resent' ? 1 : 0)
        ended == [['http://127.0.0.1:9000', Outcome.FAILED]]

        where:
        method   | retries || expected | tried
        'GET'    | 1       || 'resent' | ['http://127.0.0.1:9000', 'http://127.0.0.1:9001']
        'PUT'    | 1       || 'resent' | ['http://127.0.0.1:9000', 'http://127.0.0.1:9001']
        'POST'   | 1       || '502'    | ['http://127.0.0.1:9000']
        'PATCH'  | 2       || '502'    | ['http://127.0.0.1:9000']
        'GET'    | 0       || '502'    | ['http://127.0.0.1:9000']
    }

    def "a #method whose reused keep-alive connection was closed before any response byte, with pool retries 0: #expected"() {
        given: 'the pool resends nothing, so only the stale-connection rule can try again'
        def engine = new ForwardAttemptSpec.ScriptedEngine(['ok', 'ok', 'ok'])
        def pool = pool(3, [retries: RetrySpec.NONE])
        def attempt = attempt(pool, engine, method)
        attempt.start()

        when:
        attempt.backendBroke(true, true)

        then:
        engine.tried == tried
        engine.answers == (expected == 'tried on the next backend' ? [] : ["502 bad gateway: the backend failed before completing its response\n"])
        ended[0] == ['http://127.0.0.1:9000', outcome]

        where:
        method || expected                    | tried                                              | outcome
        'GET'  || 'tried on the next backend' | ['http://127.0.0.1:9000', 'http://127.0.0.1:9001'] | Outcome.CONNECT_FAILED
        'HEAD' || 'tried on the next backend' | ['http://127.0.0.1:9000', 'http://127.0.0.1:9001'] | Outcome.CONNECT_FAILED
        'POST' || '502'                       | ['http://127.0.0.1:9000']                          | Outcome.FAILED
    }

    def "a GET whose backend broke (resendable #resendable, stale connection #stale, pool retries #retries) is #expected"() {
        given:
        def engine = new ForwardAttemptSpec.ScriptedEngine(['ok', 'ok'])
        def attempt = attempt(pool(2, [retries: new RetrySpec(retries, Duration.ofSeconds(10), 20)]), engine, 'GET')
        attempt.start()

        when:
        attempt.backendBroke(resendable, stale)

        then:
        engine.tried.size() == (expected == 'sent again' ? 2 : 1)
        engine.answers == (expected == 'sent again' ? [] : ["502 bad gateway: the backend failed before completing its response\n"])

        where: 'only a request the engine can write again is sent again; a stale connection needs no pool retry'
        resendable | stale | retries || expected
        true       | true  | 0       || 'sent again'
        true       | false | 0       || 'answered 502'
        true       | false | 1       || 'sent again'
        false      | true  | 1       || 'answered 502'
        false      | false | 1       || 'answered 502'
    }

    def "a route's retry (tries #tries, on #on, resend #resend) replaces the pool's: a #method whose backends #connects then fails after send tries #tried.size() backends"() {
        given: 'a pool that would never resend and allows one connect retry'
        def engine = new ForwardAttemptSpec.ScriptedEngine(connects + ['ok'] * 4)
        def retry = new RouteRetry(tries, on.collect { RouteRetry.On.of(it).get() } as Set, null, resend)
        def attempt = attempt(pool(4, [:]), engine, method, retry)
        attempt.start()

        when: 'the backend it was sent to, if any, fails it'
        if (attempt.sent() != null) {
            attempt.backendBroke(true, false)
        }

        then:
        engine.tried == tried.collect { "http://127.0.0.1:${9000 + it}".toString() }

        where:
        method | tries | on                           | resend | connects               || tried
        'GET'  | 3     | ['connect-failure', 'reset'] | false  | ['refused']            || [0, 1, 2]
        'GET'  | 3     | ['connect-failure', 'reset'] | false  | ['refused', 'refused'] || [0, 1, 2]
        'GET'  | 4     | ['connect-failure', 'reset'] | false  | ['refused', 'refused'] || [0, 1, 2, 3]
        'GET'  | 3     | ['reset']                    | false  | ['refused']            || [0]
        'GET'  | 3     | ['connect-failure']          | false  | []                     || [0]
        'POST' | 3     | ['connect-failure', 'reset'] | false  | ['refused']            || [0, 1]
        'POST' | 3     | ['connect-failure', 'reset'] | true   | ['refused']            || [0, 1, 2]
        'GET'  | 1     | ['connect-failure', 'reset'] | false  | ['refused']            || [0]
    }

    def "a #method answered #status by its first backend, retry on #on (resend #resend): #expected"() {
        given:
        def engine = new ForwardAttemptSpec.ScriptedEngine(['ok'] * 3)
        def retry = new RouteRetry(3, on.collect { RouteRetry.On.of(it).get() } as Set, null, resend)
        def attempt = attempt(pool(3, [:]), engine, method, retry)
        attempt.start()
        boolean discarded = false

        when:
        boolean retried = attempt.retriesAnswer(status, { discarded = true })

        then: 'a retried answer is discarded before the next backend is tried; any other is relayed'
        retried == (expected == 'retried')
        discarded == retried
        engine.tried == (retried ? ['http://127.0.0.1:9000', 'http://127.0.0.1:9001'] : ['http://127.0.0.1:9000'])
        engine.answers == []

        where:
        method | status | on                    | resend || expected
        'GET'  | 503    | ['503']               | false  || 'retried'
        'GET'  | 502    | ['502', '504']        | false  || 'retried'
        'GET'  | 503    | ['502', '504']        | false  || 'relayed'
        'GET'  | 500    | ['502', '503', '504'] | false  || 'relayed'
        'POST' | 503    | ['503']               | false  || 'relayed'
        'POST' | 503    | ['503']               | true   || 'retried'
    }

    def "a try past its per-try timeout with retry on #on: #expected"() {
        given:
        def engine = new ForwardAttemptSpec.ScriptedEngine(['ok'] * 2)
        def retry = new RouteRetry(2, on.collect { RouteRetry.On.of(it).get() } as Set, Duration.ofMillis(100), false)
        def attempt = attempt(pool(2, [:]), engine, 'GET', retry)
        attempt.start()

        when:
        attempt.timedOutResendable()

        then:
        engine.tried.size() == tries
        engine.answers == answers

        where:
        on                   || tries | answers                                                  | expected
        ['timeout']          || 2     | []                                                       | 'the next backend'
        ['reset', '503']     || 1     | ["504 gateway timeout: the backend did not answer in time\n"] | '504'
    }

    def "when the route's total timeout passes before the response started the answer is 504, after #events"() {
        given:
        def engine = new ForwardAttemptSpec.ScriptedEngine(script)
        def retry = new RouteRetry(3, [RouteRetry.On.TIMEOUT] as Set, null, false)
        def attempt = attempt(pool(3, [:]), engine, 'GET', retry, Duration.ofSeconds(30))
        attempt.start()
        events.each { attempt."$it"() }

        when: 'the total timeout task runs'
        engine.later.each { it.run() }

        then:
        engine.answers == answers

        where:
        script   | events                 || answers
        ['ok']   | []                     || ["504 gateway timeout: the route's total timeout passed\n"]
        ['hold'] | []                     || ["504 gateway timeout: could not connect to a backend of pool 'web' in time\n"]
        ['ok']   | ['responseStarted']    || []
    }

    def "no try starts after the route's total timeout"() {
        given:
        def engine = new ForwardAttemptSpec.ScriptedEngine(['ok'] * 3)
        def retry = new RouteRetry(3, [RouteRetry.On.RESET] as Set, null, false)
        def attempt = attempt(pool(3, [:]), engine, 'GET', retry, Duration.ofNanos(1))
        attempt.start()

        when:
        attempt.backendBroke(true, false)

        then:
        engine.tried == ['http://127.0.0.1:9000']
        engine.answers == ["502 bad gateway: the backend failed before completing its response\n"]
    }

    def "resends stop at the pool's retries (#retries) however many backends are left"() {
        given:
        def engine = new ForwardAttemptSpec.ScriptedEngine(['ok'] * 5)
        def attempt = attempt(pool(5, [retries: new RetrySpec(retries, Duration.ofSeconds(10), 100)]), engine)
        attempt.start()

        when:
        4.times { attempt.backendBroke(true, false) }

        then:
        engine.tried.size() == retries + 1
        attempt.resends() == retries

        where:
        retries << [1, 2, 3]
    }

    def "the retry budget lets at most max(3, #percent% of #inFlight requests in flight) be retried at once"() {
        given:
        def pool = pool(2, [retries: new RetrySpec(1, Duration.ofSeconds(10), percent)])
        def attempts = (1..inFlight).collect {
            def attempt = attempt(pool, new ForwardAttemptSpec.ScriptedEngine(['ok', 'hold']))
            attempt.start()
            attempt
        }

        when:
        attempts.each { it.backendBroke(true, false) }

        then:
        attempts.count { it.resends() == 1 } == allowed
        pool.retryBudget().retrying() == allowed

        where:
        inFlight | percent || allowed
        10       | 20      || 3
        40       | 20      || 8
        40       | 50      || 20
    }

    def "after #failures failures in a row a backend is ejected for #expected (base 10s, max 25s, ejection #ejections)"() {
        given:
        def pool = pool(2, [ejection: new EjectionSpec(3, Duration.ofSeconds(10), Duration.ofSeconds(25), 50)])
        def member = pool.members()[0]
        def ejection = member.state().ejection()

        when:
        ejections.times { round ->
            failures.times { endFailed(member) }
            if (round < ejections - 1) {
                ejection.endEarly(System.nanoTime())
            }
        }

        then:
        ejection.ejected(System.nanoTime()) == (expected != 'not at all')
        ejection.ejected(System.nanoTime() + Duration.ofSeconds(seconds).toNanos() - 1_000_000_000) == (expected != 'not at all')
        !ejection.ejected(System.nanoTime() + Duration.ofSeconds(seconds).toNanos() + 1_000_000_000)

        where:
        failures | ejections || seconds | expected
        2        | 1         || 0       | 'not at all'
        3        | 1         || 10      | '10s'
        3        | 2         || 20      | '20s'
        3        | 3         || 25      | '25s (the max)'
    }

    def "a success in between starts the count of failures over"() {
        given:
        def pool = pool(2, [ejection: new EjectionSpec(3, Duration.ofSeconds(10), Duration.ofSeconds(25), 50)])
        def member = pool.members()[0]

        when:
        2.times { endFailed(member) }
        endWith(member, Outcome.RESPONDED, 200)
        2.times { endFailed(member) }

        then:
        !member.state().ejection().ejected(System.nanoTime())

        when: 'a 5xx answer counts as a failure'
        endWith(member, Outcome.RESPONDED, 503)

        then:
        member.state().ejection().ejected(System.nanoTime())
    }

    def "#count abandoned attempts (the client left or reset its stream) neither eject a backend nor reset its failures"() {
        given:
        def pool = pool(2, [ejection: new EjectionSpec(3, Duration.ofSeconds(10), Duration.ofSeconds(25), 50)])
        def member = pool.members()[0]

        when:
        2.times { endFailed(member) }
        count.times { endWith(member, Outcome.ABANDONED, 0) }

        then: 'no ejection from the clients that left'
        !member.state().ejection().ejected(System.nanoTime())

        when: 'and the failures before them still count'
        endFailed(member)

        then:
        member.state().ejection().ejected(System.nanoTime())

        where:
        count << [1, 5000]
    }

    def "at most #percent% of #size backends are ejected at once, and always at least one may be: #expected"() {
        given:
        def pool = pool(size, [ejection: new EjectionSpec(1, Duration.ofSeconds(10), Duration.ofSeconds(10), percent)])

        when:
        pool.members().each { endFailed(it) }

        then:
        pool.members().count { it.state().ejection().ejected(System.nanoTime()) } == expected

        where:
        size | percent || expected
        4    | 50      || 2
        4    | 10      || 1
        3    | 100     || 3
    }

    def "health: down after fall failures, up after rise passes, initial #initial, the last #history probes kept"() {
        given:
        def health = states.of('http://127.0.0.1:9000').health()
        health.checkedBy(new HealthSpec('http', [:], Duration.ofSeconds(2), Duration.ofSeconds(1), 3, 2, initial))

        expect:
        health.up() == (initial == HealthSpec.Initial.UP)

        when:
        def transitions = [true, true, false, false, false, true, true, true].collect { health.record(probe(it)) }

        then:
        transitions == (initial == HealthSpec.Initial.UP
                ? [null, null, null, null, WENT_DOWN, null, WENT_UP, null]
                : [null, WENT_UP, null, null, WENT_DOWN, null, WENT_UP, null])
        health.up()

        when:
        5.times { health.record(probe(false, "probe $it")) }

        then:
        health.recent().size() == history
        health.recent().last().reason() == 'probe 4'

        where:
        initial << [HealthSpec.Initial.UP, HealthSpec.Initial.DOWN]
        history = BackendHealth.HISTORY
    }

    // ---- fixtures

    static ProbeRecord probe(boolean passed, String reason = passed ? 'status 200' : 'status 500') {
        new ProbeRecord(Instant.now(), passed, reason, Duration.ofMillis(1))
    }

    /** One request on this member that fails to connect. */
    void endFailed(member) {
        endWith(member, Outcome.CONNECT_FAILED, 0)
    }

    void endWith(member, Outcome outcome, int status) {
        def attempts = pools[member].attempts()
        // the strategy picks the first eligible member: pick until it is this one
        def lease = attempts.next(null)
        while (!lease.member().is(member)) {
            lease = attempts.next(null)
        }
        if (status) {
            lease.responseStarted(status)
        }
        lease.end(outcome)
    }

    def "with maxConnections #max (backend's own: #ownMax) the request beyond them waits, and the end of one in flight lets it in"() {
        given:
        def pool = pool(2, [limits: new ConnectionLimits(max, 10, Duration.ofSeconds(1)), ownMax: ownMax])
        def first = new ForwardAttemptSpec.ScriptedEngine(['ok'] * inFlight)
        def inFlightAttempts = (1..inFlight).collect { attempt(pool, first).tap { start() } }
        def waiting = new ForwardAttemptSpec.ScriptedEngine(['ok'])

        when:
        attempt(pool, waiting).start()

        then: 'no backend tried, no answer: it waits'
        waiting.tried == []
        waiting.answers == []
        pool.queue().size() == 1

        when:
        inFlightAttempts[0].completed()

        then:
        waiting.sentTo == first.tried[0]
        pool.queue().size() == 0
        noRooms == 0

        where:
        max | ownMax || inFlight
        1   | null   || 2
        2   | null   || 4
        0   | [1, 1] || 2
        5   | [1, 2] || 3
    }

    def "a request that finds no room with a queue of #queue #what is answered 503 with Retry-After and counted"() {
        given:
        def pool = pool(1, [limits: new ConnectionLimits(1, queue, Duration.ofMillis(300))])
        attempt(pool, new ForwardAttemptSpec.ScriptedEngine(['ok'])).start()
        def engine = new ForwardAttemptSpec.ScriptedEngine(['ok'])

        when:
        attempt(pool, engine).start()
        if (expire) engine.later*.run()

        then:
        engine.tried == []
        engine.answers == answers
        noRooms == answers.size()
        engine.errors == answers.collect { ProxyError.CONNECTION_LIMIT_REACHED }
        pool.queue().size() == (answers ? 0 : 1)

        where:
        queue | expire || answers
        0     | false  || ["503 retry-after 1: service unavailable: every backend of pool 'web' is at its connection limit\n"]
        1     | false  || []
        1     | true   || ["503 retry-after 1: service unavailable: every backend of pool 'web' is at its connection limit\n"]
        what = expire ? 'after its queue timeout' : 'at once when full'
    }

    Map pools = [:]

    Pool pool(int size, Map options) {
        List<BackendMode> modes = options.modes ?: [BackendMode.UP] * size
        def backends = (0..<size).collect {
            new BackendSpec(BackendAddress.parse("http://127.0.0.1:${9000 + it}"), 1, modes[it], options.ownMax?.get(it) ?: 0, SourceLocation.UNKNOWN)
        }
        def spec = PoolSpec.builder('web').strategy('first', [:]).backends(backends)
                .ejection(options.ejection ?: EjectionSpec.DEFAULTS).retries(options.retries ?: RetrySpec.NONE)
                .allDown(options.allDown ?: AllDownSpec.DEFAULTS).limits(options.limits ?: ConnectionLimits.DEFAULTS).build()
        BalancingStrategy firstEligible = [id: { 'first' }, create: { PoolContext p -> new ForwardAttemptSpec.FirstEligible() }] as BalancingStrategy
        LeaseListener listener = [ended : { member, outcome, firstByte, total -> ended << [member.id(), outcome] },
                                  noRoom: { p -> noRooms++ }] as LeaseListener
        def pool = new Pool(spec, states, firstEligible, listener)
        pool.members().each { pools[it] = pool }
        pool
    }

    ForwardAttempt<String> attempt(Pool pool, Upstream<String> engine, String method = 'GET', RouteRetry retry = null,
                                   Duration total = null) {
        RequestView request = [method: { method }] as RequestView
        new ForwardAttempt<String>(pool, new UpstreamPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, retry, total), request, engine)
    }
}
