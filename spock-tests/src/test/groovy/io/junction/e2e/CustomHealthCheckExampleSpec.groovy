package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path

/**
 * examples/custom-health-check as its README tells a user to use it: build it (the reactor does), drop the JAR
 * into the plugins folder, reload, and take a backend out by creating its down file.
 */
class CustomHealthCheckExampleSpec extends Specification {

    @TempDir Path dir
    @AutoCleanup('close') TestBackend a = new TestBackend('a')
    @AutoCleanup('close') TestBackend b = new TestBackend('b')
    @AutoCleanup('close') Junction junction

    def "the example check is unknown until its JAR is dropped in; then a backend is down while its down file exists"() {
        given:
        def flags = Files.createDirectories(dir.resolve('flags'))
        // with fall 1, a probe that overran its timeout on a loaded machine would mark a healthy backend down: 1 s each
        def checked = Junction.onePool("""
    backend '$a.url'
    backend '$b.url'
    health 'down-file', dir: '$flags', interval: '1s', timeout: '1s', fall: 1, rise: 1""")
        junction = new Junction(dir, ['web.groovy': Junction.onePool("    backend '$a.url'\n    backend '$b.url'")])

        when: 'a script names the check before the JAR is there'
        def refused = junction.reload(['web.groovy': checked])

        then:
        !refused.succeeded()
        refused.errors().any { it.contains("'down-file'") }

        when: 'the JAR is dropped into the plugins folder and the scripts reloaded'
        def jar = CustomStrategyExampleSpec.exampleJar('down-file-check')
        Files.copy(jar, junction.pluginsDir.resolve(jar.fileName))
        def loaded = junction.reload(['web.groovy': checked])

        then:
        loaded.succeeded()
        (1..4).collect { junction.get('/').body() }.toSet() == ['a', 'b'] as Set

        when: 'the operator creates a\'s down file'
        Files.createFile(flags.resolve("127.0.0.1_${a.port}.down"))

        then: 'a is marked down and b takes every request'
        new PollingConditions(timeout: 10).eventually { assert !junction.server.backend(a.url).get().health().up() }
        (1..4).collect { junction.get('/').body() } == ['b'] * 4
        junction.server.backend(a.url).get().health().recent().last().reason() == "127.0.0.1_${a.port}.down exists"

        when: 'the file is removed'
        Files.delete(flags.resolve("127.0.0.1_${a.port}.down"))

        then:
        new PollingConditions(timeout: 10).eventually { assert junction.server.backend(a.url).get().health().up() }
    }
}
