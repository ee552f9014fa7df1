package io.junction.core.forward

import io.junction.api.Backend
import io.junction.api.Balancer
import io.junction.api.BalancingStrategy
import io.junction.api.Candidates
import io.junction.api.Outcome
import io.junction.api.PoolContext
import io.junction.api.RequestView
import io.junction.core.model.BackendAddress
import io.junction.core.model.BackendSpec
import io.junction.core.model.PoolSpec
import io.junction.core.model.SourceLocation
import io.junction.core.pool.BackendStates
import io.junction.core.pool.LeaseListener
import io.junction.core.pool.Pool
import spock.lang.Specification

import java.time.Duration

/**
 * The forwarding rules every engine shares, driven through the Upstream seam by a scripted engine: each connect
 * is answered by the next word of a script ('ok', 'refused', 'timeout').
 */
class ForwardAttemptSpec extends Specification {

    def states = new BackendStates()
    def ended = []
    /** The pool of the last {@link #attempt} made. */
    Pool pool

    def "connects #connects with #retries connect retries over #size backends: #answer"() {
        given:
        def engine = new ScriptedEngine(connects)
        def attempt = attempt(size, retries, engine)

        when:
        attempt.start()

        then:
        engine.tried == tried
        engine.answers == (answer == 'sent' ? [] : [answer])
        engine.sentTo == (answer == 'sent' ? tried.last() : null)
        ended == failedConnects.collect { [it, Outcome.CONNECT_FAILED] }

        where:
        size | retries | connects                          || tried                                                 | failedConnects                                       | answer
        2    | 1       | ['ok']                            || ['http://127.0.0.1:9000']                             | []                                                   | 'sent'
        2    | 1       | ['refused', 'ok']                 || ['http://127.0.0.1:9000', 'http://127.0.0.1:9001']    | ['http://127.0.0.1:9000']                            | 'sent'
        2    | 1       | ['timeout', 'ok']                 || ['http://127.0.0.1:9000', 'http://127.0.0.1:9001']    | ['http://127.0.0.1:9000']                            | 'sent'
        2    | 1       | ['refused', 'refused']            || ['http://127.0.0.1:9000', 'http://127.0.0.1:9001']    | ['http://127.0.0.1:9000', 'http://127.0.0.1:9001']   | "502 bad gateway: no backend of pool 'web' could be reached\n"
        2    | 1       | ['refused', 'timeout']            || ['http://127.0.0.1:9000', 'http://127.0.0.1:9001']    | ['http://127.0.0.1:9000', 'http://127.0.0.1:9001']   | "504 gateway timeout: could not connect to a backend of pool 'web' in time\n"
        3    | 0       | ['refused']                       || ['http://127.0.0.1:9000']                             | ['http://127.0.0.1:9000']                            | "502 bad gateway: no backend of pool 'web' could be reached\n"
        3    | 5       | ['refused', 'refused', 'refused'] || ['http://127.0.0.1:9000', 'http://127.0.0.1:9001', 'http://127.0.0.1:9002'] | ['http://127.0.0.1:9000', 'http://127.0.0.1:9001', 'http://127.0.0.1:9002'] | "502 bad gateway: no backend of pool 'web' could be reached\n"
        0    | 1       | []                                || []                                                    | []                                                   | "502 bad gateway: pool 'web' has no backend to try\n"
    }

    def "after the request was sent, #event ends the lease #outcome, answers #answer and never connects again"() {
        given:
        def engine = new ScriptedEngine(['ok', 'ok'])
        def attempt = attempt(2, 1, engine)
        attempt.start()
        def member = attempt.sent().member()

        expect: 'in flight from the pick'
        member.activeRequests() == 1

        when:
        events.each { attempt."$it"() }

        then:
        engine.tried == ['http://127.0.0.1:9000']
        engine.answers == answer
        ended == [['http://127.0.0.1:9000', outcome]]
        member.activeRequests() == 0

        where:
        events                             || outcome           | answer
        ['completed']                      || Outcome.RESPONDED | []
        ['failedAfterSend']                || Outcome.FAILED    | ["502 bad gateway: the backend failed before completing its response\n"]
        ['responseTimedOut']               || Outcome.FAILED    | ["504 gateway timeout: the backend did not answer in time\n"]
        ['failedAfterSend', 'completed']   || Outcome.FAILED    | ["502 bad gateway: the backend failed before completing its response\n"]
        ['clientLeft']                     || Outcome.ABANDONED | []
        ['clientLeft', 'completed']        || Outcome.ABANDONED | []
        event = events.join(' then ')
    }

    def "#fault is answered #status with Proxy-Status error #type"() {
        given:
        def engine = new ScriptedEngine(connects)
        def attempt = attempt(size, 0, engine)

        when:
        attempt.start()
        events.each { attempt."$it"() }

        then:
        engine.errors*.type() == [type]
        engine.answers*.take(3) == [status as String]

        where:
        fault                            | size | connects       | events                || status | type
        'a refused connect'              | 1    | ['refused']    | []                    || 502    | 'connection_refused'
        'a connect timeout'              | 1    | ['timeout']    | []                    || 504    | 'connection_timeout'
        'a name that does not resolve'   | 1    | ['unresolved'] | []                    || 502    | 'dns_error'
        'a response timeout'             | 1    | ['ok']         | ['responseTimedOut']  || 504    | 'http_response_timeout'
        'a backend that broke'           | 1    | ['ok']         | ['failedAfterSend']   || 502    | 'http_response_incomplete'
        'a malformed response'           | 1    | ['ok']         | ['malformedResponse'] || 502    | 'http_protocol_error'
        'an empty pool'                  | 0    | []             | []                    || 502    | 'destination_not_found'
    }

    def "the last connect's failure names the answer: #connects -> #type"() {
        given:
        def engine = new ScriptedEngine(connects)
        def attempt = attempt(2, 1, engine)

        when:
        attempt.start()

        then:
        engine.tried.size() == 2
        engine.errors*.type() == [type]

        where:
        connects                    || type
        ['unresolved', 'refused']   || 'connection_refused'
        ['refused', 'unresolved']   || 'dns_error'
        ['unresolved', 'timeout']   || 'connection_timeout'
    }

    def "the Proxy-Status field of #error names Junction and the error type only"() {
        expect:
        error.fieldValue() == "junction; error=${error.type()}"
        error.fieldValue() ==~ /junction; error=[a-z_]+/

        where:
        error << ProxyError.values()
    }

    def "a connection that arrives after its connect timed out is refused and the next backend is tried"() {
        given:
        def engine = new ScriptedEngine(['hold', 'ok'])
        def attempt = attempt(2, 1, engine)
        attempt.start()
        def late = engine.held

        when:
        late.timedOut()

        then:
        engine.sentTo == 'http://127.0.0.1:9001'

        expect:
        !late.connected('late connection')
        late.settled()
        engine.sentTo == 'http://127.0.0.1:9001'
        ended == [['http://127.0.0.1:9000', Outcome.CONNECT_FAILED]]
    }

    def "a client that leaves while the connect is under way ends the lease abandoned: no answer, no other backend"() {
        given:
        def engine = new ScriptedEngine(['hold', 'ok'])
        def attempt = attempt(2, 1, engine)
        attempt.start()
        def pending = engine.held

        when:
        pending.abandoned()

        then:
        pending.settled()
        !pending.connected('late connection')
        engine.tried == ['http://127.0.0.1:9000']
        engine.answers == []
        ended == [['http://127.0.0.1:9000', Outcome.ABANDONED]]
    }

    def "when Junction's own connections to a backend are all taken it is not judged: #size backend(s) -> #expected"() {
        given:
        def engine = new ScriptedEngine(['hold', 'ok'])
        def attempt = attempt(size, 1, engine)
        attempt.start()

        when:
        engine.held.noConnectionLeft()

        then:
        engine.sentTo == sentTo
        engine.answers == answers
        ended == [['http://127.0.0.1:9000', Outcome.ABANDONED]]

        where:
        size || sentTo                   | answers
        2    || 'http://127.0.0.1:9001'  | []
        1    || null                     | ["503 retry-after 1: service unavailable: Junction's connections to the backends of pool 'web' are all busy\n"]
        expected = sentTo ? 'the next one is tried' : '503'
    }

    def "a restarted attempt serves #requests: each lease ends once, only each request's own total timeout answers"() {
        given: 'a route with a total timeout, on a kept connection'
        def engine = new ScriptedEngine(['ok'] * 3)
        def policy = new UpstreamPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, null, Duration.ofSeconds(5))
        def attempt = attempt(2, 1, engine, policy)

        when: 'requests that complete, then one whose backend never answers'
        requests.times {
            if (it > 0) {
                assert attempt.reusable()
                attempt.restart(pool, policy, null)
            }
            attempt.start()
            if (it < requests - 1) {
                attempt.responseStarted(200)
                attempt.completed()
            }
        }
        def member = attempt.sent().member()
        engine.later[0..-2]*.run()

        then: "the earlier requests' timers find their request over"
        engine.answers == []
        member.activeRequests() == 1

        when:
        engine.later.last().run()

        then:
        engine.answers == ["504 gateway timeout: the route's total timeout passed\n"]
        ended == [['http://127.0.0.1:9000', Outcome.RESPONDED]] * (requests - 1) + [['http://127.0.0.1:9000', Outcome.FAILED]]
        member.activeRequests() == 0

        where:
        requests << [2, 3]
    }

    // ---- fixtures

    ForwardAttempt<String> attempt(int size, int retries, ScriptedEngine engine) {
        attempt(size, retries, engine, new UpstreamPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), retries))
    }

    ForwardAttempt<String> attempt(int size, int retries, ScriptedEngine engine, UpstreamPolicy policy) {
        def backends = (0..<size).collect { new BackendSpec(BackendAddress.parse("http://127.0.0.1:${9000 + it}"), 1, SourceLocation.UNKNOWN) }
        def spec = PoolSpec.builder('web').strategy('first', [:]).backends(backends).build()
        BalancingStrategy firstEligible = [id: { 'first' }, create: { PoolContext p -> new FirstEligible() }] as BalancingStrategy
        LeaseListener listener = { member, outcome, firstByte, total -> ended << [member.id(), outcome] }
        pool = new Pool(spec, states, firstEligible, listener)
        new ForwardAttempt<String>(pool, policy, null, engine)
    }

    static class FirstEligible implements Balancer {
        Backend pick(Candidates candidates, RequestView request) {
            (0..<candidates.size()).findResult { candidates.isEligible(it) ? candidates.get(it) : null }
        }
    }

    /** An engine whose connects settle as scripted, at once ('hold' leaves one pending). */
    static class ScriptedEngine implements Upstream<String> {
        final Iterator<String> script
        final List<String> tried = []
        final List<String> answers = []
        /** The Proxy-Status error of each answer. */
        final List<ProxyError> errors = []
        /** Tasks scheduled for later, run by the test when their time has come. */
        final List<Runnable> later = []
        String sentTo
        PendingConnect<String> held

        ScriptedEngine(List<String> script) { this.script = script.iterator() }

        void connect(PendingConnect<String> connect) {
            tried << connect.lease().member().id()
            switch (script.next()) {
                case 'ok': connect.connected('connection'); break
                case 'refused': connect.failed(); break
                case 'timeout': connect.timedOut(); break
                case 'unresolved': connect.unresolved(); break
                case 'hold': held = connect; break
            }
        }

        void send(ForwardAttempt<String> attempt, String connection) {
            sentTo = attempt.sent().member().id()
        }

        void execute(Runnable task) {
            task.run()
        }

        void schedule(Runnable task, long millis) {
            later << task
        }

        void answer(ProxyError error, String message) {
            errors << error
            answers << "${error.status()} $message".toString()
        }

        void unavailable(ProxyError error, long retryAfterSeconds, String message) {
            errors << error
            answers << "${error.status()} retry-after $retryAfterSeconds: $message".toString()
        }
    }
}
