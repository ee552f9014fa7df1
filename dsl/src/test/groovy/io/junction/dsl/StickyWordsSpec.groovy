package io.junction.dsl

import io.junction.core.model.AffinitySpec
import spock.lang.Specification

import java.time.Duration

import static io.junction.dsl.Scripts.compile
import static io.junction.dsl.Scripts.problemsOf

/** The pool words of sticky sessions: sticky (cookie, learn, client-ip) and sessions. */
class StickyWordsSpec extends Specification {

    static String script(String body) {
        "pool('web') {\n    backend 'http://127.0.0.1:9001'\n    $body\n}"
    }

    static AffinitySpec affinity(String body) {
        compile('10-pools.groovy': script(body)).pools().web.affinity()
    }

    def "a pool without sticky is not sticky"() {
        expect:
        affinity('') == null
    }

    def "#words -> #expected"() {
        expect:
        affinity(words) == expected

        where:
        words                                                                                       || expected
        "sticky cookie: 'JUNCTION'"                                                                 || sticky(new AffinitySpec.InsertCookie('JUNCTION', null, false, false, null, '/', null))
        "sticky cookie: 'J', maxAge: '1h', secure: true, httpOnly: true, sameSite: 'lax', path: '/app', domain: 'example.com'" || sticky(new AffinitySpec.InsertCookie('J', Duration.ofHours(1), true, true, 'Lax', '/app', 'example.com'))
        "sticky learn: 'JSESSIONID'"                                                                || sticky(new AffinitySpec.LearnCookie('JSESSIONID'))
        "sticky 'client-ip'"                                                                        || sticky(AffinitySpec.ClientIp.WHOLE_ADDRESS)
        "sticky 'client-ip', ipv4: 24, ipv6: 64"                                                    || sticky(new AffinitySpec.ClientIp(24, 64))
        "sticky 'client-ip'\n    sessions 'redis', uri: 'redis://h:6379/2', ttl: '10m', cache: '2s'" || new AffinitySpec(AffinitySpec.ClientIp.WHOLE_ADDRESS, 'redis', [uri: 'redis://h:6379/2', cache: '2s'], Duration.ofMinutes(10))
    }

    def "#words is refused at 10-pools.groovy:#line: #message"() {
        when:
        def problems = problemsOf('10-pools.groovy': script(words))

        then:
        problems*.toString() == ["10-pools.groovy:$line:5: $message".toString()]

        where:
        words                                                   || line | message
        "sticky cookie: 'a b'"                                  || 3    | "sticky cookie name: 'a b' is not a cookie name (letters, digits and !#\$%&'*+-.^_`|~)"
        "sticky cookie: 'J', learn: 'S'"                        || 3    | "sticky takes either cookie: 'NAME' (Junction inserts it) or learn: 'NAME' (the application's), or 'client-ip'"
        "sticky cookie: 'J', sameSite: 'None'"                  || 3    | "sticky sameSite: 'None' needs secure: true (browsers refuse it otherwise)"
        "sticky cookie: 'J', sameSite: 'loose'"                 || 3    | "sticky sameSite: got 'loose', expected 'Strict', 'Lax' or 'None'"
        "sticky cookie: 'J', path: 'app'"                       || 3    | "sticky path must start with '/', got 'app'"
        "sticky learn: 'S', maxAge: '1h'"                       || 3    | "sticky learn: takes no cookie attributes; the application sets its own"
        "sticky 'source'"                                       || 3    | "sticky 'source': expected 'client-ip', cookie: 'NAME' or learn: 'NAME'"
        "sticky 'client-ip', ipv4: 33"                          || 3    | "sticky 'client-ip' ipv4: got 33, expected 1 to 32"
        "sessions 'memory'"                                     || 3    | "sessions without sticky: say how clients stick, e.g. sticky cookie: 'JUNCTION'"
        "sticky 'client-ip'\n    sticky 'client-ip'"            || 4    | "'sticky' after 'sticky' at 10-pools.groovy:3:5: a pool takes one sticky"
    }

    static AffinitySpec sticky(AffinitySpec.Key key) {
        new AffinitySpec(key, 'memory', [:], Duration.ofHours(1))
    }
}
