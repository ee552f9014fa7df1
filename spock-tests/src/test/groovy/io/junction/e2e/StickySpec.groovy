package io.junction.e2e

import io.junction.core.affinity.SessionSigner
import io.junction.core.model.BackendMode
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/** Sticky pools with the memory store, end to end: Junction's cookie, the application's cookie, the client's address. */
class StickySpec extends Specification {

    static final String SECRET = 'a-secret-of-the-test-0123456789'
    static final String OLD_SECRET = 'the-previous-secret-0123456789'

    @TempDir Path dir
    @AutoCleanup('close') TestBackend a = new TestBackend('a')
    @AutoCleanup('close') TestBackend b = new TestBackend('b')
    @AutoCleanup('close') Junction junction

    Junction start(String sticky, List<TestBackend> backends = [a, b]) {
        junction = new Junction(dir, ['web.groovy': script(sticky, backends)],
                ['junction.sticky.secret': "$SECRET,$OLD_SECRET".toString()])
    }

    static String script(String sticky, List<TestBackend> backends) {
        Junction.onePool((["    $sticky"] + backends.collect { "    backend '$it.url'" }).join('\n'))
    }

    HttpResponse<String> get(String path = '/', String cookie = null) {
        def request = HttpRequest.newBuilder(junction.uri('public', path)).timeout(Duration.ofSeconds(30))
        if (cookie != null) {
            request.header('Cookie', cookie)
        }
        junction.client.send(request.build(), HttpResponse.BodyHandlers.ofString())
    }

    static String junctionCookie(HttpResponse<String> response) {
        def header = response.headers().allValues('Set-Cookie').find { it.startsWith('JUNCTION=') }
        header == null ? null : header.substring(0, header.indexOf(';'))
    }

    def "the inserted cookie carries exactly the configured attributes (#sticky)"() {
        given:
        start(sticky)

        when:
        def response = get()

        then:
        def header = response.headers().allValues('Set-Cookie').find { it.startsWith('JUNCTION=') }
        header ==~ /JUNCTION=[A-Za-z0-9_-]{22}\.[0-9]+\.[A-Za-z0-9_-]{43}$attributes/
        !header.contains(a.url - 'http://') && !header.contains(String.valueOf(a.port)) && !header.contains(String.valueOf(b.port))

        where:
        sticky                                                                                                  || attributes
        "sticky cookie: 'JUNCTION'"                                                                             || /; Path=\//
        "sticky cookie: 'JUNCTION', maxAge: '1h', secure: true, httpOnly: true, sameSite: 'Lax'"               || /; Max-Age=3600; Path=\/; Secure; HttpOnly; SameSite=Lax/
        "sticky cookie: 'JUNCTION', maxAge: '90s', path: '/app', domain: 'example.com', sameSite: 'Strict'"     || /; Max-Age=90; Path=\/app; Domain=example.com; SameSite=Strict/
    }

    def "a sticky client stays on one backend over 100 requests, then moves once when that backend dies"() {
        given:
        start("sticky cookie: 'JUNCTION'")
        def first = get()
        def cookie = junctionCookie(first)
        def pinned = first.body() == 'a' ? a : b
        def other = pinned == a ? b : a

        when:
        def answers = (1..100).collect { get('/', cookie) }

        then:
        answers.every { it.statusCode() == 200 && it.body() == pinned.name && junctionCookie(it) == null }

        when: 'its backend dies'
        pinned.close()
        def after = (1..50).collect { get('/', cookie) }

        then: 'no error, and every request goes to the other backend: re-pinned once, with the same cookie'
        after.every { it.statusCode() == 200 && it.body() == other.name && junctionCookie(it) == null }
    }

    def "the memory store takes the timeout every store takes (#sessions)"() {
        given:
        start("sticky cookie: 'JUNCTION'\n    $sessions")
        def first = get()

        when:
        def answers = (1..10).collect { get('/', junctionCookie(first)).body() }

        then:
        first.statusCode() == 200
        answers == [first.body()] * 10

        where:
        sessions << ["sessions 'memory', timeout: '200ms'", "sessions 'memory', size: 10, timeout: '1s', ttl: '1m'"]
    }

    def "a pinned backend set to #mode: #expected"() {
        given: 'a client pinned to b, the second pick of a fresh round robin'
        start("sticky cookie: 'JUNCTION'")
        get()
        def cookie = junctionCookie(get())

        when:
        junction.server.backendMode(b.url, mode)
        def pinned = (1..10).collect { get('/', cookie).body() }
        def newcomers = (1..4).collect { get().body() }

        then:
        pinned == [expected] * 10
        newcomers == ['a'] * 4

        where:
        mode              || expected
        BackendMode.DRAIN || 'b'
        BackendMode.MAINT || 'a'
    }

    def "a #kind cookie is treated as absent: the client gets a new one"() {
        given:
        start("sticky cookie: 'JUNCTION', maxAge: '1h'")
        def genuine = junctionCookie(get()) - 'JUNCTION='

        when:
        def response = get('/', 'JUNCTION=' + value.call(genuine))

        then:
        response.statusCode() == 200
        junctionCookie(response) != null
        junctionCookie(response) != 'JUNCTION=' + value.call(genuine)

        where:
        kind       || value
        'forged'   || { String g -> 'http://127.0.0.1:1' }
        'tampered' || { String g -> (g[0] == 'A' ? 'B' : 'A') + g.substring(1) }
        'expired'  || { String g -> new SessionSigner([SECRET]).issue(System.currentTimeMillis().intdiv(1000) - 10) }
        'foreign'  || { String g -> new SessionSigner(['some-other-secret-0123456789']).issue(System.currentTimeMillis().intdiv(1000) + 3600) }
    }

    def "a cookie signed with a rotated key (second in the list) is still accepted"() {
        given:
        start("sticky cookie: 'JUNCTION'")
        def old = new SessionSigner([OLD_SECRET]).issue(System.currentTimeMillis().intdiv(1000) + 3600)

        when:
        def firstAnswer = get('/', "JUNCTION=$old")
        def answers = (1..10).collect { get('/', "JUNCTION=$old") }

        then:
        junctionCookie(firstAnswer) == null
        answers*.body().toSet() == [firstAnswer.body()] as Set
    }

    def "learned cookie: a request carrying the application's session goes to the backend that set it"() {
        given:
        start("sticky learn: 'JSESSIONID'")

        when: 'two clients log in, round robin sends them to different backends'
        def logins = (1..2).collect { get('/login') }
        def sessions = logins.collect { it.headers().firstValue('Set-Cookie').get().split(';')[0] }

        then:
        logins*.body() == ['a', 'b']

        when:
        def answers = sessions.collect { session -> (1..20).collect { get('/', session).body() } }

        then:
        answers[0].every { it == 'a' }
        answers[1].every { it == 'b' }
    }

    def "client-ip: every request of one client address goes to one backend"() {
        given:
        start("sticky 'client-ip'")

        when:
        def answers = (1..20).collect { get('/').body() }

        then:
        answers.toSet().size() == 1
    }

    def "the memory store survives a reload and a strategy JAR swap"() {
        given: 'a client pinned to b, the second pick of a fresh round robin'
        start("sticky cookie: 'JUNCTION'")
        get()
        def second = get()
        def cookie = junctionCookie(second)
        assert second.body() == 'b'

        when: 'a reload that changes the scripts'
        def reloaded = junction.reload(['web.groovy': script("sticky cookie: 'JUNCTION'", [a, b]) + '\n// changed\n'])

        then: "the client stays on b, where a new generation's round robin would start at a"
        reloaded.succeeded()
        (1..5).collect { get('/', cookie).body() } == ['b'] * 5

        when: 'a strategy JAR is dropped in, so every plugin is loaded again'
        def example = Files.list(CustomStrategyExampleSpec.EXAMPLE_PLUGINS).withCloseable { it.filter { it.toString().endsWith('.jar') }.findFirst().get() }
        Files.copy(example, junction.pluginsDir.resolve(example.fileName))
        def swapped = junction.server.reload()

        then:
        swapped.succeeded()
        (1..5).collect { get('/', cookie).body() } == ['b'] * 5
    }
}
