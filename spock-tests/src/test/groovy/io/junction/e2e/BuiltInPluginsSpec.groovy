package io.junction.e2e

import io.junction.server.plugins.PluginSet
import spock.lang.AutoCleanup
import spock.lang.Specification

/** The built-in plugin JAR, as the build lays it out, loads through PF4J and not from the classpath. */
class BuiltInPluginsSpec extends Specification {

    @AutoCleanup('close') PluginSet plugins = PluginSet.load(Junction.PLUGINS)

    def "basic-strategies provides round-robin and weighted-round-robin from its own JAR"() {
        expect:
        plugins.problems().isEmpty()
        plugins.pluginIds() == ['basic-strategies']
        plugins.strategies().keySet() as List == ['round-robin', 'weighted-round-robin']
        plugins.strategies().values().every { it.class.classLoader != getClass().classLoader }
    }

    def "no strategy class is on the test classpath, so the ones above can only have come from the JAR"() {
        when:
        Class.forName('io.junction.plugins.basic.RoundRobinStrategy')

        then:
        thrown(ClassNotFoundException)
    }
}
