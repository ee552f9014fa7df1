package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Path
import java.time.Duration

/** Every shipped strategy through a real listener to three real backends, with one of them refusing connections. */
class StrategiesEndToEndSpec extends Specification {

    @TempDir Path dir
    @AutoCleanup('close') TestBackend a = new TestBackend('a')
    @AutoCleanup('close') TestBackend b = new TestBackend('b')
    @AutoCleanup('close') TestBackend c = new TestBackend('c')
    @AutoCleanup('close') Junction junction

    def "#strategy spreads 300 requests over every backend, weights respected in kind, no client error"() {
        given:
        junction = new Junction(dir, ['web.groovy': Junction.onePool(
                "balance '$strategy'\nbackend '$a.url', weight: 2\nbackend '$b.url'\nbackend '$c.url'")])

        when:
        def answers = (1..300).collect { junction.get('/') }
        def counts = answers.countBy { it.body() }

        then:
        answers.every { it.statusCode() == 200 }
        counts.keySet() == ['a', 'b', 'c'] as Set

        and: 'the heavier backend gets more than a light one (sequential requests leave load-aware ones nothing else to go by)'
        counts.a >= minimumShareOfA * 300

        where:
        strategy               || minimumShareOfA
        'round-robin'          || 0.25
        'weighted-round-robin' || 0.45
        'random'               || 0.35
        'least-connections'    || 0.25
        'p2c'                  || 0.25
        'peak-ewma'            || 0.0
    }

    def "consistent-hash #algorithm keeps each key on one backend and spreads the keys"() {
        given:
        junction = new Junction(dir, ['web.groovy': Junction.onePool(
                "balance 'consistent-hash', key: 'header:X-User', algorithm: '$algorithm'\nbackend '$a.url'\nbackend '$b.url'\nbackend '$c.url'")])

        when:
        def byUser = (1..60).collectEntries { user ->
            [user, (1..3).collect { getAs("user-$user") }.toSet()]
        }

        then: 'every user always lands on the same backend'
        byUser.values().every { it.size() == 1 }

        and: 'sixty users use all three backends'
        byUser.values().collect { it.first() }.toSet() == ['a', 'b', 'c'] as Set

        where:
        algorithm << ['maglev', 'ring', 'rendezvous']
    }

    private String getAs(String user) {
        junction.client.send(HttpRequest.newBuilder(junction.uri()).header('X-User', user).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body()
    }
}
