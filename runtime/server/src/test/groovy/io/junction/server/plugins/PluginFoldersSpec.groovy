package io.junction.server.plugins

import io.junction.api.BalancingStrategy
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** Built-in plugins are always loaded; a drop-in folder adds to them and may never take their ids. */
class PluginFoldersSpec extends Specification {

    @TempDir
    Path dir

    Path builtIn
    Path dropIn

    @AutoCleanup
    PluginSet set

    def setup() {
        builtIn = Files.createDirectories(dir.resolve('builtin-plugins'))
        dropIn = Files.createDirectories(dir.resolve('plugins'))
        PluginJarBuilder.plugin('basic').strategy('basic.S', 'basic-one').buildIn(builtIn, 'basic-1.0.jar')
    }

    def "the strategies of both the built-in and the drop-in plugins are available"() {
        given:
        PluginJarBuilder.plugin('acme').strategy('acme.S', 'acme-one').buildIn(dropIn, 'acme-2.0.jar')

        when:
        set = PluginSet.load(new PluginFolders(builtIn, dropIn))

        then:
        set.problems().isEmpty()
        set.catalog().ids(BalancingStrategy) == ['acme-one', 'basic-one']
        set.catalog().owner(BalancingStrategy, 'basic-one').label() == "built-in plugin 'basic' (basic-1.0.jar)"
        set.catalog().owner(BalancingStrategy, 'acme-one').label() == "plugin 'acme' (acme-2.0.jar)"
    }

    def "a drop-in #clash is refused naming both JARs, and the built-in keeps it"() {
        given:
        PluginJarBuilder.plugin(pluginId).strategy('usurper.S', strategyId).buildIn(dropIn, 'usurper.jar')

        when:
        set = PluginSet.load(new PluginFolders(builtIn, dropIn))

        then:
        set.problems()*.toString() == ["plugin '$pluginId' (usurper.jar) refused: $reason built-in plugin 'basic' (basic-1.0.jar)".toString()]
        set.catalog().ids(BalancingStrategy) == ['basic-one']
        set.catalog().get(BalancingStrategy, 'basic-one').class.name == 'basic.S'

        where:
        clash                   | pluginId | strategyId  || reason
        'plugin id'             | 'basic'  | 'other-one' || "plugin id 'basic' is already used by"
        'balancing strategy id' | 'acme'   | 'basic-one' || "balancing strategy id 'basic-one' is already provided by"
    }

    def "the built-ins load with #situation: a warning, not an error"() {
        given:
        Path missing = dir.resolve('nowhere')

        when:
        set = PluginSet.load(new PluginFolders(builtIn, drop ? missing : null))

        then:
        set.catalog().ids(BalancingStrategy) == ['basic-one']
        set.problems()*.toString() == (drop ? ["plugins folder $missing: does not exist; no plugins loaded from it".toString()] : [])

        where:
        situation                  | drop
        'a missing drop-in folder' | true
        'no drop-in folder at all' | false
    }

    def "the fingerprint changes when either folder's JARs change"() {
        given:
        def folders = new PluginFolders(builtIn, dropIn)
        String before = folders.fingerprint()

        when:
        PluginJarBuilder.plugin('acme').strategy('acme.S', 'acme-one').buildIn(target == 'built-in' ? builtIn : dropIn)

        then:
        folders.fingerprint() != before

        where:
        target << ['built-in', 'drop-in']
    }

    def "only JARs directly in the drop-in folder are plugins: Maven module folders beside them are ignored"() {
        given:
        PluginJarBuilder.plugin('nested').strategy('n.S', 'nested-one').buildIn(dropIn.resolve('balancing/basic/target'))
        Files.writeString(dropIn.resolve('pom.xml'), '<project/>')

        when:
        set = PluginSet.load(new PluginFolders(builtIn, dropIn))

        then:
        set.problems().isEmpty()
        set.pluginIds() == ['basic']
    }
}
