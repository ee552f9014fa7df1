package io.junction.e2e

import io.junction.api.BalancingStrategy
import io.junction.api.HealthCheck
import io.junction.api.SessionStore
import io.junction.server.plugins.PluginFolders
import io.junction.server.plugins.PluginSet
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** The built-in plugin JARs, as the build lays them out, loads through PF4J and not from the classpath. */
class BuiltInPluginsSpec extends Specification {

    @TempDir Path dir
    @AutoCleanup('close') PluginSet plugins = PluginSet.load(new PluginFolders(Junction.PLUGINS, null))

    def "the built-in plugins provide their strategies from their own JARs"() {
        expect:
        plugins.problems().isEmpty()
        plugins.pluginIds() == ['advanced-strategies', 'basic-health-checks', 'basic-strategies', 'memory-sessions', 'redis-sessions']
        plugins.catalog().ids(BalancingStrategy) == ['consistent-hash', 'least-connections', 'p2c', 'peak-ewma', 'random', 'round-robin', 'weighted-round-robin']
        plugins.catalog().ids(BalancingStrategy).every { plugins.catalog().get(BalancingStrategy, it).class.classLoader != getClass().classLoader }
        plugins.catalog().ids(BalancingStrategy).every { plugins.catalog().owner(BalancingStrategy, it).builtIn() }
    }

    def "the session store plugins provide memory and redis from their own JARs"() {
        expect:
        plugins.catalog().ids(SessionStore) == ['memory', 'redis']
        plugins.catalog().ids(SessionStore).every { plugins.catalog().get(SessionStore, it).class.classLoader != getClass().classLoader }
        plugins.catalog().ids(SessionStore).every { plugins.catalog().owner(SessionStore, it).builtIn() }
    }

    def "basic-health-checks provides http and tcp from its own JAR"() {
        expect:
        plugins.catalog().ids(HealthCheck) == ['http', 'tcp']
        plugins.catalog().ids(HealthCheck).every { plugins.catalog().get(HealthCheck, it).class.classLoader != getClass().classLoader }
        plugins.catalog().ids(HealthCheck).every { plugins.catalog().owner(HealthCheck, it).builtIn() }
    }

    def "no strategy class is on the test classpath, so the ones above can only have come from the JARs"() {
        when:
        Class.forName('io.junction.plugins.basic.RoundRobinStrategy')

        then:
        thrown(ClassNotFoundException)
    }

    def "a copy of a built-in JAR dropped in is refused naming both JARs, and the server still serves with the built-in"() {
        given:
        def backend = new TestBackend('a')
        def jar = Files.list(Junction.PLUGINS).withCloseable { it.filter { it.fileName.toString().startsWith('junction-basic-strategies') }.findFirst().get() }
        Files.copy(jar, Files.createDirectories(dir.resolve('plugins')).resolve('copy.jar'))

        when:
        def junction = new Junction(dir, ['web.groovy': Junction.onePool("backend '$backend.url'")])
        def reload = junction.reload([:])

        then:
        reload.succeeded()
        reload.warnings() == ["plugin 'basic-strategies' (copy.jar) refused: plugin id 'basic-strategies' is already used by built-in plugin 'basic-strategies' (${jar.fileName})".toString()]
        junction.get('/').body() == 'a'

        cleanup:
        junction?.close()
        backend.close()
    }
}
