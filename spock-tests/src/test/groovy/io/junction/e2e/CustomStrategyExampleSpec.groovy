package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/**
 * examples/custom-strategy as its README tells a user to use it: build it (the reactor does), drop the JAR into
 * the plugins folder, reload, see it pick.
 */
class CustomStrategyExampleSpec extends Specification {

    static final Path EXAMPLE_PLUGINS = Path.of(System.getProperty('junction.test.example-plugins', 'target/example-plugins'))

    @TempDir Path dir
    @AutoCleanup('close') TestBackend a = new TestBackend('a')
    @AutoCleanup('close') TestBackend b = new TestBackend('b')
    @AutoCleanup('close') Junction junction

    /** The JAR the reactor built from examples/NAME's project, by artifact id. */
    static Path exampleJar(String artifactId) {
        Files.list(EXAMPLE_PLUGINS).withCloseable { files -> files.filter { it.fileName.toString().startsWith(artifactId) }.findFirst().get() }
    }

    static String failover(String... backends) {
        Junction.onePool("    balance 'failover'\n" + backends.collect { "    backend '$it'" }.join('\n'))
    }

    def "the example strategy is unknown until its JAR is dropped in; after a reload every request goes to the first backend that can take it"() {
        given:
        junction = new Junction(dir, ['web.groovy': Junction.onePool("    backend '$b.url'")])

        when: 'a script names the strategy before the JAR is there'
        def refused = junction.reload(['web.groovy': failover(a.url, b.url)])

        then:
        !refused.succeeded()
        refused.errors().any { it.contains("unknown balancing strategy 'failover'") }
        junction.get('/').body() == 'b'

        when: 'the JAR is dropped into the plugins folder and the scripts reloaded'
        def jar = exampleJar('failover-strategy')
        Files.copy(jar, junction.pluginsDir.resolve(jar.fileName))
        def loaded = junction.reload(['web.groovy': failover(a.url, b.url)])

        then: 'the first backend takes every request'
        loaded.succeeded()
        (1..10).collect { junction.get('/').body() } == ['a'] * 10

        when: 'the first backend cannot be reached'
        def withDeadFirst = junction.reload(['web.groovy': failover("http://127.0.0.1:${Junction.refusedPort()}", b.url)])

        then: 'the standby takes over, with no client error'
        withDeadFirst.succeeded()
        (1..10).collect { junction.get('/') }.every { it.statusCode() == 200 && it.body() == 'b' }
    }
}
