package io.junction.e2e

import io.junction.server.sessions.StoreFailureLog
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Path
import java.time.Duration

/** Sticky pools with the redis store against a real redis-server: shared by two Junctions, and Redis going away. */
class RedisStickySpec extends Specification {

    @TempDir Path dir
    @AutoCleanup('close') TestBackend a = new TestBackend('a')
    @AutoCleanup('close') TestBackend b = new TestBackend('b')
    @AutoCleanup('close') RedisServer redis
    @AutoCleanup('close') Junction first
    @AutoCleanup('close') Junction second

    def setup() {
        redis = new RedisServer(dir.resolve('redis'))
    }

    Junction junction(String name, String options = '') {
        String pool = """    sticky cookie: 'JUNCTION'
    sessions 'redis', uri: '$redis.uri', timeout: '2s'$options
    backend '$a.url'
    backend '$b.url'"""
        new Junction(dir.resolve(name), ['web.groovy': Junction.onePool(pool)],
                ['junction.sticky.secret': 'one-secret-for-every-junction-0123'])
    }

    static HttpResponse<String> get(Junction junction, String cookie = null) {
        def request = HttpRequest.newBuilder(junction.uri('public', '/')).timeout(Duration.ofSeconds(30))
        if (cookie != null) {
            request.header('Cookie', cookie)
        }
        junction.client.send(request.build(), HttpResponse.BodyHandlers.ofString())
    }

    static String cookieOf(HttpResponse<String> response) {
        response.headers().allValues('Set-Cookie').find { it.startsWith('JUNCTION=') }?.with { it.substring(0, it.indexOf(';')) }
    }

    def "a client pinned through the first Junction keeps its backend through the second"() {
        given: "a connect that may take long on a busy machine: a pin put before it is lost (counted as a put failure)"
        first = junction('first', ", connectTimeout: '60s'")
        second = junction('second', ", connectTimeout: '60s'")

        when: 'two clients are pinned through the first, to a and to b (round robin)'
        def pins = (1..2).collect { get(first) }
        def cookies = pins.collect { cookieOf(it) }

        then:
        pins*.body() == ['a', 'b']

        and: "the second serves lookups without a pin until its store has connected (its round robin alternates, so four b's in a row are the pin)"
        new PollingConditions(timeout: 30, delay: 0.2).eventually {
            assert (1..4).collect { get(second, cookies[1]).body() } == ['b'] * 4
        }

        when: 'their next requests go to the second, whose own round robin would start at a'
        def answers = cookies.collect { cookie -> (1..10).collect { get(second, cookie).body() } }

        then:
        answers[0] == ['a'] * 10
        answers[1] == ['b'] * 10
    }

    def "Redis killed mid-run: no request fails, failed lookups and lost pins are counted, and stickiness resumes when it is back"() {
        given:
        first = junction('first', ", cache: '0ms'")
        def cookie = cookieOf(get(first))

        when:
        redis.stop()
        def during = (1..40).collect { get(first, cookie) }
        def newcomers = (1..3).collect { get(first) }

        then: 'every request is served by the strategy'
        during.every { it.statusCode() == 200 }
        during*.body().toSet() == ['a', 'b'] as Set
        first.server.metrics().counter(StoreFailureLog.lookupFailures('web')).count > 0

        and: "the newcomers are answered with a cookie, and the pins Redis did not keep are counted"
        newcomers.every { it.statusCode() == 200 && cookieOf(it) != null }
        new PollingConditions(timeout: 10, delay: 0.1).eventually {
            assert first.server.metrics().counter(StoreFailureLog.putFailures('web')).count >= 3
        }

        when:
        redis.start()

        then: 'the client is pinned again and stays'
        new PollingConditions(timeout: 30, delay: 0.2).eventually {
            def backend = get(first, cookie).body()
            assert (1..10).collect { get(first, cookie).body() } == [backend] * 10
        }
    }
}
