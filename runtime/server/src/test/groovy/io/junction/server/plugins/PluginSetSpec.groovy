package io.junction.server.plugins

import io.junction.api.Backend
import io.junction.api.BalancingStrategy
import io.junction.api.Balancer
import io.junction.api.Candidates
import io.junction.api.Options
import io.junction.api.PoolContext
import io.junction.api.RequestView
import org.pf4j.JarPluginManager
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.FileTime

class PluginSetSpec extends Specification {

    @TempDir
    Path plugins

    @AutoCleanup
    PluginSet set

    def "a strategy plugin built at test time is loaded from its own class loader and picks"() {
        given:
        PluginJarBuilder.plugin('acme').strategy('com.acme.LastEligible', 'last-eligible').buildIn(plugins)

        when:
        set = load(plugins)
        def strategy = set.catalog().get(BalancingStrategy, 'last-eligible')

        then:
        set.problems().isEmpty()
        set.pluginIds() == ['acme']
        set.plugins()*.toString() == ["plugin 'acme' 1.0.0 (acme.jar)"]
        strategy != null
        strategy.class.name == 'com.acme.LastEligible'
        strategy.class.classLoader != getClass().classLoader
        strategy.class.classLoader != ClassLoader.systemClassLoader
        strategy.class.classLoader.getClass().name == 'org.pf4j.PluginClassLoader'

        when:
        def balancer = strategy.create(null)

        then:
        balancer.pick(candidates(3), null).id() == 'http://c:80'
        balancer.pick(candidates(3, 'c'), null).id() == 'http://b:80'
        balancer.pick(candidates(3, 'a', 'b', 'c'), null) == null
    }

    def "strategies are sorted by id across plugins"() {
        given:
        PluginJarBuilder.plugin('zeta').strategy('z.Two', 'alpha').strategy('z.One', 'omega').buildIn(plugins)
        PluginJarBuilder.plugin('alpha').strategy('a.One', 'middle').buildIn(plugins)

        when:
        set = load(plugins)

        then:
        set.problems().isEmpty()
        set.catalog().ids(BalancingStrategy) == ['alpha', 'middle', 'omega']
        set.pluginIds() == ['alpha', 'zeta']
        ['alpha', 'middle', 'omega'].collect { set.catalog().owner(BalancingStrategy, it).id() } == ['zeta', 'alpha', 'zeta']
    }

    def "a plugin's Plugin-Class is started on load and stopped on close"() {
        given:
        String key = 'junction.test.lifecycle.' + System.nanoTime()
        PluginJarBuilder.plugin('lifecycle')
                .pluginClass('life.LifecyclePlugin', "System.setProperty(\"$key\", \"started\");", "System.setProperty(\"$key\", \"stopped\");")
                .strategy('life.Strategy', 'lifecycle')
                .buildIn(plugins)

        when:
        set = load(plugins)

        then:
        set.problems().isEmpty()
        System.getProperty(key) == 'started'

        when:
        set.close()

        then:
        System.getProperty(key) == 'stopped'

        cleanup:
        System.clearProperty(key)
    }

    def "#problem is refused with id '#id' and reason, while a good plugin in the same folder loads"() {
        given:
        PluginJarBuilder.plugin('good').strategy('good.Strategy', 'good-one').buildIn(plugins)
        build(plugins)

        when:
        set = load(plugins)

        then: 'the good plugin still loads'
        set.catalog().ids(BalancingStrategy) == ['good-one']
        set.pluginIds() == ['good']

        and: 'the broken one is refused with its id and why'
        set.problems().size() == 1
        with(set.problems()[0]) {
            pluginId() == id
            source() == file
            reason().contains(because)
        }
        set.problems()[0].toString() == (id == file ? "plugin $file refused: " : "plugin '$id' ($file) refused: ") + set.problems()[0].reason()

        where:
        problem                          | id               | file                 | because                                                  | build
        'a file that is not a JAR'       | 'garbage.jar'    | 'garbage.jar'        | 'it is not a JAR file'                                   | { Path dir -> Files.writeString(dir.resolve('garbage.jar'), 'not a zip file') }
        'a JAR without manifest'         | 'bare.jar'       | 'bare.jar'           | 'the JAR has no META-INF/MANIFEST.MF'                               | { Path dir -> PluginJarBuilder.plugin('bare').withoutManifest().strategy('b.S', 'bare').buildIn(dir) }
        'a manifest without Plugin-Id'   | 'anon.jar'       | 'anon.jar'           | 'no Plugin-Id'                                           | { Path dir -> PluginJarBuilder.plugin(null).strategy('b.S', 'anon').buildIn(dir, 'anon.jar') }
        'a manifest without version'     | 'unversioned'    | 'unversioned.jar'    | 'no Plugin-Version'                                      | { Path dir -> PluginJarBuilder.plugin('unversioned').version(null).strategy('b.S', 'x').buildIn(dir) }
        'a missing extension class'      | 'hollow'         | 'hollow.jar'         | "'b.Missing' is listed in META-INF/extensions.idx but not in the plugin" | { Path dir -> PluginJarBuilder.plugin('hollow').extension('b.Missing').buildIn(dir) }
        'a throwing constructor'         | 'fragile'        | 'fragile.jar'        | 'constructor of extension b.S failed: java.lang.IllegalStateException: no config' | { Path dir -> PluginJarBuilder.plugin('fragile').strategy('b.S', 'x', 'if (true) throw new IllegalStateException("no config");').buildIn(dir) }
        'a failing static initialiser'   | 'static'         | 'static.jar'         | 'static initialisation of extension b.S failed: java.lang.NumberFormatException' | { Path dir -> PluginJarBuilder.plugin('static').source('b.S', STATIC_FAILS).extension('b.S').buildIn(dir) }
        'a non-public extension'         | 'hidden'         | 'hidden.jar'         | 'needs to be public'                                     | { Path dir -> PluginJarBuilder.plugin('hidden').source('b.S', 'package b; class S implements io.junction.api.BalancingStrategy { public String id() { return "x"; } public io.junction.api.Balancer create(io.junction.api.PoolContext p) { return null; } }').extension('b.S').buildIn(dir) }
        'an abstract extension'          | 'abstract'       | 'abstract.jar'       | "'b.S' is abstract"                                      | { Path dir -> PluginJarBuilder.plugin('abstract').source('b.S', 'package b; public abstract class S implements io.junction.api.BalancingStrategy { }').extension('b.S').buildIn(dir) }
        'a Plugin-Class that is missing' | 'classless'      | 'classless.jar'      | "Plugin-Class 'b.Nope' is not in the plugin"             | { Path dir -> PluginJarBuilder.plugin('classless').manifestEntry('Plugin-Class', 'b.Nope').strategy('b.S', 'x').buildIn(dir) }
        'a start() that throws'          | 'unstartable'    | 'unstartable.jar'    | 'start() failed: java.lang.RuntimeException: cannot bind' | { Path dir -> PluginJarBuilder.plugin('unstartable').pluginClass('b.P', 'throw new RuntimeException("cannot bind");').strategy('b.S', 'x').buildIn(dir) }
        'a blank strategy id'            | 'blank'          | 'blank.jar'          | 'extension b.S has a blank balancing strategy id'        | { Path dir -> PluginJarBuilder.plugin('blank').strategy('b.S', '  ').buildIn(dir) }
        'a null strategy id'             | 'nullid'         | 'nullid.jar'         | 'extension b.S has a blank balancing strategy id'        | { Path dir -> PluginJarBuilder.plugin('nullid').strategy('b.S', null).buildIn(dir) }
        'a badly formed strategy id'     | 'camel'          | 'camel.jar'          | "strategy id 'leastConn'; ids are lower-case words joined by '-'" | { Path dir -> PluginJarBuilder.plugin('camel').strategy('b.S', 'leastConn').buildIn(dir) }
        'an id() that throws'            | 'moody'          | 'moody.jar'          | 'id() of extension b.S failed: java.lang.UnsupportedOperationException: moody' | { Path dir -> PluginJarBuilder.plugin('moody').source('b.S', MOODY).extension('b.S').buildIn(dir) }
        'a strategy id taken by another' | 'usurper'        | 'usurper.jar'        | "strategy id 'good-one' is already provided by plugin 'good' (good.jar)" | { Path dir -> PluginJarBuilder.plugin('usurper').strategy('b.S', 'good-one').strategy('b.T', 'other').buildIn(dir) }
        'one strategy id twice'          | 'twins'          | 'twins.jar'          | "strategy id 'twin' is provided twice"                   | { Path dir -> PluginJarBuilder.plugin('twins').strategy('b.S', 'twin').strategy('b.T', 'twin').buildIn(dir) }
        'a plugin id already used'       | 'good'           | 'good2.jar'          | "plugin id 'good' is already used by plugin 'good' (good.jar)" | { Path dir -> PluginJarBuilder.plugin('good').strategy('b.S', 'other').buildIn(dir, 'good2.jar') }
        'a bundled copy of junction-api' | 'selfish'        | 'selfish.jar'        | 'bundles its own copy of junction-api'                   | { Path dir -> PluginJarBuilder.plugin('selfish').bundle(BalancingStrategy, Balancer, Options).strategy('b.S', 'x').buildIn(dir) }
        'an index naming an app class'   | 'borrower'       | 'borrower.jar'       | "'io.junction.server.plugins.AppClasspathStrategy' is not packaged in the plugin" | { Path dir -> PluginJarBuilder.plugin('borrower').extension(AppClasspathStrategy.name).buildIn(dir) }
        'a missing plugin dependency'    | 'dependent'      | 'dependent.jar'      | 'needs plugin(s) absent'                                 | { Path dir -> PluginJarBuilder.plugin('dependent').manifestEntry('Plugin-Dependencies', 'absent@>=1.0.0').strategy('b.S', 'x').buildIn(dir) }
        'a ZIP file'                     | 'old-style.zip'  | 'old-style.zip'      | 'ZIP plugins are not supported'                          | { Path dir -> Files.write(dir.resolve('old-style.zip'), new byte[0]) }
        'a JAR without index'            | 'quiet'          | 'quiet.jar'          | 'contributes no extension: the JAR has no META-INF/extensions.idx' | { Path dir -> PluginJarBuilder.plugin('quiet').withoutIndex().buildIn(dir) }
        'an empty index'                 | 'idle'           | 'idle.jar'           | 'contributes no extension: META-INF/extensions.idx lists no balancing strategy' | { Path dir -> PluginJarBuilder.plugin('idle').buildIn(dir) }
        'an index of no known kind'      | 'alien'          | 'alien.jar'          | 'contributes no extension: META-INF/extensions.idx lists no balancing strategy or health check or session store (it lists b.Probe)' | { Path dir -> PluginJarBuilder.plugin('alien').source('b.Probe', 'package b; public class Probe implements org.pf4j.ExtensionPoint { }').extension('b.Probe').buildIn(dir) }
    }

    def "the plugin a duplicate strategy id comes from is named, and the first plugin in file order keeps it"() {
        given:
        PluginJarBuilder.plugin('first').strategy('f.S', 'shared').buildIn(plugins, 'a-first.jar')
        PluginJarBuilder.plugin('second').strategy('s.S', 'shared').buildIn(plugins, 'b-second.jar')

        when:
        set = load(plugins)

        then:
        set.catalog().get(BalancingStrategy, 'shared').class.name == 'f.S'
        set.problems()*.toString() == ["plugin 'second' (b-second.jar) refused: balancing strategy id 'shared' is already provided by plugin 'first' (a-first.jar)"]
    }

    def "a missing folder means no plugins and one problem, not an exception"() {
        given:
        Path missing = plugins.resolve('nope')

        when:
        set = load(missing)

        then:
        set.catalog().ids(BalancingStrategy).isEmpty()
        set.pluginIds().isEmpty()
        set.problems()*.toString() == ["plugins folder $missing: does not exist; no plugins loaded from it".toString()]
        set.fingerprint() == dropIn(missing).fingerprint()
    }

    def "an empty folder has no plugins and no problems"() {
        when:
        set = load(plugins)

        then:
        set.catalog().ids(BalancingStrategy).isEmpty()
        set.problems().isEmpty()
        PluginSet.empty().catalog().ids(BalancingStrategy).isEmpty()
    }

    def "extension instances are created once per set and never shared between sets"() {
        given:
        PluginJarBuilder.plugin('acme').strategy('com.acme.S', 'acme').buildIn(plugins)

        when:
        set = load(plugins)
        def other = load(plugins)

        then:
                set.catalog().get(BalancingStrategy, 'acme').is(set.catalog().get(BalancingStrategy, 'acme'))
        !set.catalog().get(BalancingStrategy, 'acme').is(other.catalog().get(BalancingStrategy, 'acme'))
        set.catalog().get(BalancingStrategy, 'acme').class != other.catalog().get(BalancingStrategy, 'acme').class
        set.catalog().get(BalancingStrategy, 'acme').class.classLoader != other.catalog().get(BalancingStrategy, 'acme').class.classLoader

        cleanup:
        other?.close()
    }

    def "close stops the plugins and closes their class loaders; closing twice is harmless"() {
        given:
        PluginJarBuilder.plugin('acme').strategy('com.acme.S', 'acme').source('com.acme.Later', 'package com.acme; public class Later {}').buildIn(plugins)
        set = load(plugins)
        ClassLoader loader = set.catalog().get(BalancingStrategy, 'acme').class.classLoader

        expect:
        loader.loadClass('com.acme.Later') != null

        when:
        set = load(plugins)
        loader = set.catalog().get(BalancingStrategy, 'acme').class.classLoader
        set.close()
        set.close()
        loader.loadClass('com.acme.Later')

        then:
        thrown(ClassNotFoundException)
    }

    def "the fingerprint changes exactly when the folder's plugin files change"() {
        given:
        Path jar = PluginJarBuilder.plugin('acme').strategy('com.acme.S', 'acme').buildIn(plugins)
        set = load(plugins)
        String loaded = set.fingerprint()

        expect: 'unchanged folder, same fingerprint; other files do not count'
        dropIn(plugins).fingerprint() == loaded
        load(plugins).withCloseable { it.fingerprint() } == loaded
        Files.writeString(plugins.resolve('README.txt'), 'hello') && dropIn(plugins).fingerprint() == loaded
        Files.writeString(plugins.resolve('.acme.jar.partial'), 'copying') && dropIn(plugins).fingerprint() == loaded

        when: 'a JAR is touched'
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000))
        String touched = dropIn(plugins).fingerprint()

        then:
        touched != loaded

        when: 'a JAR is added'
        Path second = PluginJarBuilder.plugin('other').strategy('o.S', 'other').buildIn(plugins)
        String added = dropIn(plugins).fingerprint()

        then:
        added != touched

        when: 'it is removed again'
        Files.delete(second)

        then:
        dropIn(plugins).fingerprint() == touched

        when: 'the folder goes away'
        Files.list(plugins).withCloseable { it.toList() }.each { Files.delete(it) }
        Files.delete(plugins)

        then:
        dropIn(plugins).fingerprint() != touched

        cleanup:
        Files.createDirectories(plugins)
    }

    def "a JAR replaced under the same name is loaded with its new content"() {
        given:
        Path jar = PluginJarBuilder.plugin('acme').version('1.0.0').strategy('com.acme.Old', 'old-way').buildIn(plugins)
        set = load(plugins)

        when:
        PluginJarBuilder.plugin('acme').version('2.0.0').strategy('com.acme.New', 'new-way').buildIn(plugins)
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5_000))
        def next = load(plugins)

        then:
        next.fingerprint() != set.fingerprint()
        next.catalog().ids(BalancingStrategy) == ['new-way']
        next.plugins()[0].version() == '2.0.0'
        next.catalog().get(BalancingStrategy, 'new-way').create(null).pick(candidates(2), null).id() == 'http://b:80'

        and: 'the old set is untouched'
        set.catalog().ids(BalancingStrategy) == ['old-way']

        cleanup:
        next?.close()
    }

    def "extensions indexed on the application class path are never used"() {
        given: 'the application class path has a META-INF/extensions.idx naming a strategy'
        Path testClasses = Path.of(AppClasspathStrategy.protectionDomain.codeSource.location.toURI())
        Path index = testClasses.resolve('META-INF/extensions.idx')
        assert !Files.exists(index): "$index exists already"
        Files.createDirectories(index.parent)
        Files.writeString(index, AppClasspathStrategy.name + '\n')

        and: 'plain PF4J would pick it up as a system extension'
        def plain = new JarPluginManager(plugins)
        assert plain.getExtensions(BalancingStrategy)*.id() == ['from-app-classpath']

        and: 'a plugin without an index of its own, whose class loader would fall back to the application one'
        PluginJarBuilder.plugin('acme').withoutIndex().buildIn(plugins)

        when:
        set = load(plugins)

        then: 'the plugin contributes nothing of its own, so it is refused'
        set.problems()*.toString() == ["plugin 'acme' (acme.jar) refused: contributes no extension: the JAR has no META-INF/extensions.idx" +
                                               " (is PF4J's annotation processor on the compile class path?)"]
        set.catalog().ids(BalancingStrategy).isEmpty()

        cleanup:
        Files.deleteIfExists(index)
    }

    /** The plugins of {@code folder} as the drop-in folder, with no built-ins. */
    static PluginSet load(Path folder) {
        PluginSet.load(dropIn(folder))
    }

    static PluginFolders dropIn(Path folder) {
        new PluginFolders(null, folder)
    }

    static final String STATIC_FAILS = '''package b;
        public class S implements io.junction.api.BalancingStrategy {
            static final int X = Integer.parseInt("x");
            public String id() { return "x"; }
            public io.junction.api.Balancer create(io.junction.api.PoolContext p) { return null; }
        }'''

    static final String MOODY = '''package b;
        public class S implements io.junction.api.BalancingStrategy {
            public String id() { throw new UnsupportedOperationException("moody"); }
            public io.junction.api.Balancer create(io.junction.api.PoolContext p) { return null; }
        }'''

    /** {@code count} backends a, b, c, ... of weight 1, the named ones ineligible. */
    static Candidates candidates(int count, String... ineligible) {
        List<Backend> backends = (0..<count).collect { i -> backend(('a'..'z')[i]) }
        new Candidates() {
            int size() { backends.size() }
            Backend get(int index) { backends[index] }
            boolean isEligible(int index) { !(backends[index].uri().host in ineligible) }
        }
    }

    static Backend backend(String name) {
        new Backend() {
            String id() { "http://$name:80" }
            URI uri() { URI.create(id()) }
            int weight() { 1 }
            int activeRequests() { 0 }
        }
    }
}

/** A strategy on the application (test) class path, which must never be taken for a plugin's extension. */
class AppClasspathStrategy implements BalancingStrategy {
    String id() { 'from-app-classpath' }
    Balancer create(PoolContext pool) { { Candidates c, RequestView r -> null } as Balancer }
}
