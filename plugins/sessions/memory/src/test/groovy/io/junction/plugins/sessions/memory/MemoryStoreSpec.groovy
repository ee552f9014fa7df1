package io.junction.plugins.sessions.memory

import io.junction.api.Options
import spock.lang.Specification

import java.time.Duration

class MemoryStoreSpec extends Specification {

    long now = 0
    LruSessions sessions = new LruSessions(3, { now })

    String found(String key) {
        sessions.find(key).toCompletableFuture().getNow('not completed')
    }

    def "a pin is found until its time to live is over"() {
        given:
        sessions.put('a', 'http://b1', Duration.ofSeconds(10))

        expect:
        found('a') == 'http://b1'

        when:
        now += Duration.ofSeconds(10).toNanos()

        then:
        found('a') == null
        sessions.size() == 0
    }

    def "the least recently used pin goes first when the store is full"() {
        given:
        ['a', 'b', 'c'].each { sessions.put(it, "http://$it", Duration.ofHours(1)) }
        found('a')

        when:
        sessions.put('d', 'http://d', Duration.ofHours(1))

        then:
        found('b') == null
        ['a', 'c', 'd'].every { found(it) == "http://$it" }
    }

    def "a put replaces the pin and remove forgets it"() {
        given:
        sessions.put('a', 'http://b1', Duration.ofHours(1))
        sessions.put('a', 'http://b2', Duration.ofHours(1))

        expect:
        found('a') == 'http://b2'

        when:
        sessions.remove('a')

        then:
        found('a') == null
    }

    def "options #options are refused: #message"() {
        when:
        new MemoryStore().open(Options.of(options))

        then:
        IllegalArgumentException e = thrown()
        e.message.contains(message)

        where:
        options          || message
        [size: '0']      || 'size must be at least 1'
        [size: 'many']   || "option 'size' must be a whole number"
        [ttl: '1s']      || "has no option 'ttl'; allowed: size, timeout"
    }

    def "the timeout every store takes is accepted (#options)"() {
        when:
        def opened = new MemoryStore().open(Options.of(options))
        opened.put('a', 'http://b1', Duration.ofHours(1))

        then:
        opened.find('a').toCompletableFuture().getNow('not completed') == 'http://b1'

        where:
        options << [[timeout: '200ms'], [timeout: '1s', size: '10']]
    }
}
