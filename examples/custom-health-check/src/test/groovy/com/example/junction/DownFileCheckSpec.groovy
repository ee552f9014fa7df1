package com.example.junction

import io.junction.api.Options
import io.junction.api.Target
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

class DownFileCheckSpec extends Specification {

    @TempDir Path dir
    def target = new Target('http://127.0.0.1:9001', URI.create('http://127.0.0.1:9001'), Duration.ofSeconds(1))

    def "with #files in the folder the probe #verdict: #reason"() {
        given:
        files.each { Files.createFile(dir.resolve(it)) }
        def probe = new DownFileCheck().create(Options.of([dir: dir.toString()]))

        when:
        def result = probe.probe(target).toCompletableFuture().get()

        then:
        result.passed() == passed
        result.reason() == reason

        where:
        files                                       || passed | reason
        []                                          || true   | 'no 127.0.0.1_9001.down'
        ['127.0.0.1_9002.down']                     || true   | 'no 127.0.0.1_9001.down'
        ['127.0.0.1_9001.down']                     || false  | '127.0.0.1_9001.down exists'
        ['127.0.0.1_9001.down', '127.0.0.1_9002.down'] || false | '127.0.0.1_9001.down exists'
        verdict = passed ? 'passes' : 'fails'
    }

    def "options #options are refused: #message"() {
        when:
        new DownFileCheck().create(Options.of(options))

        then:
        def e = thrown(IllegalArgumentException)
        e.message == message

        where:
        options                  || message
        [:]                      || 'down-file needs dir: the folder where host_port.down files appear'
        [dir: ' ']               || 'down-file needs dir: the folder where host_port.down files appear'
        [dir: '/x', path: '/h']  || 'down-file takes only dir, got [dir, path]'
    }
}
