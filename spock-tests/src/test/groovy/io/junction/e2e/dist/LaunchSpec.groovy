package io.junction.e2e.dist

import io.junction.e2e.Junction
import io.junction.e2e.JunctionProcess
import io.junction.e2e.KeepAliveClient
import io.junction.e2e.RawBackend
import io.junction.e2e.TestBackend
import spock.lang.AutoCleanup
import spock.lang.Requires
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * What makes the built distribution's launch quick (docs/performance.md, launch): the class-data archive its build
 * wrote is mapped, a launch whose scripts are all cached leaves Groovy's parser alone, the command line's model is
 * built for `run` alone, and the admin listener still comes up. The JVM's class-loading log says where each class
 * came from, its class-initialisation log which ones were used. The start's log line, which the launch figures are
 * read from, counts from the JVM's start. And the launcher's JVM flags leave a proxied request nothing to allocate.
 */
class LaunchSpec extends Specification {

    static final Path DIST = Path.of(System.getProperty('junction.test.project', 'no project configured'), 'runtime/dist/target/junction')
    /** A class only Groovy's parser loads. */
    static final String PARSER = 'org.apache.groovy.parser.antlr4.AstBuilder '
    /** Groovy's metaclass registry: a launch starts it on a thread of its own, beside the main thread's work. */
    static final String REGISTRY = 'org.codehaus.groovy.runtime.metaclass.MetaClassRegistryImpl '
    /**
     * A subcommand `run` does not need: picocli makes an instance of every command whose model it builds, and a launch
     * builds the invoked one's only (finding it by name loads the others' classes, which is cheap, but makes none).
     */
    static final String OTHER_SUBCOMMAND = "Initializing 'io/junction/server/cli/Main\$Check'"

    /** The JVM's MBean server and XNIO's worker, which registers itself there: only Undertow's listeners need them. */
    static final List<String> UNDERTOW_PARTS = ["Initializing 'com/sun/jmx/mbeanserver/JmxMBeanServer'",
                                                "Initializing 'org/xnio/nio/NioXnioWorker'"]
    static final String STARTED = /started \d+ ms after the JVM started/
    static final int REQUESTS = 50_000

    @TempDir Path dir
    @AutoCleanup TestBackend backend = new TestBackend('a')

    def "a launch maps Junction from the build's archive and starts Groovy beside it; scripts cached: #cached, Groovy's parser ran: #parsed"() {
        given:
        assert Files.isRegularFile(DIST.resolve('lib/junction.jsa')): "$DIST has no class-data archive: runtime/dist's package phase writes it"
        Path conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('web.groovy'), Junction.onePool("    backend '$backend.url'"))
        if (cached) {
            assert launch(conf, 'fills-the-cache.log').answer == 'a'
        }

        when:
        def launched = launch(conf, 'launch.log')

        then:
        launched.answer == 'a'
        launched.output =~ /(?m)io\.junction\.server\.JunctionServer source: shared objects file$/   // static: no "(top)" layer
        launched.output.contains(PARSER) == parsed
        launched.output =~ /admin on 127\.0\.0\.1:\d+/
        !launched.output.contains(OTHER_SUBCOMMAND)
        loadingThread(launched.output, REGISTRY) != loadingThread(launched.output, 'io.junction.server.JunctionServer ')

        where:
        cached || parsed
        false  || true
        true   || false
    }

    def "XNIO's worker and the JVM's MBean server are built before the listeners are bound only when Undertow serves them (engine: #engine)"() {
        given:
        Path conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('web.groovy'), Junction.onePool("    backend '$backend.url'"))

        when: 'it runs until the admin listener, which starts after the data listeners, is up'
        def launched = launch(conf, 'workers.log', '') { Process process, int port ->
            JunctionProcess.STARTED.eventually { assert Files.readString(dir.resolve('workers.log')) =~ /admin on / }
        }
        int started = (launched.output =~ STARTED).with { it.find() ? it.start() : -1 }

        then: 'the admin listener, an Undertow one, has both in the end'
        launched.answer == 'a'
        started > 0
        UNDERTOW_PARTS.every { launched.output.contains(it) }
        UNDERTOW_PARTS.collect { launched.output.indexOf(it) < started } == [builtBefore] * UNDERTOW_PARTS.size()

        where:
        engine = Junction.ENGINE
        builtBefore = engine == 'undertow'
    }

    def "the start line counts from the JVM's start, not from a launcher that spent #delay s before it"() {
        given:
        Path conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('web.groovy'), Junction.onePool("    backend '$backend.url'"))

        when: 'the process sleeps before it execs the launcher, as bin/junction of a checkout builds first'
        def launched = launch(conf, 'delayed.log', "sleep $delay; ")
        long started = (launched.output =~ /started (\d+) ms after the JVM started/)[0][1] as long

        then: 'the JVM began after the delay, and its line was written before the spec saw it'
        launched.answer == 'a'
        started <= launched.seenMillis - delay * 1000

        where:
        delay = 4
    }

    def "bin/junction started with SIGHUP ignored (as nohup starts it) still reloads on SIGHUP"() {
        given:
        def b = new TestBackend('b')
        Path conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('web.groovy'), Junction.onePool("    backend '$backend.url'"))

        when: 'the shell ignores SIGHUP before it execs the launcher: the ignoring is inherited, as from nohup'
        def launched = launch(conf, 'nohup.log', "trap '' HUP; ") { Process process, int port ->
            Files.writeString(conf.resolve('web.groovy'), Junction.onePool("    backend '$b.url'"))
            assert new ProcessBuilder('kill', '-HUP', process.pid() as String).start().waitFor() == 0
            new PollingConditions(timeout: 60, delay: 0.1).eventually { assert JunctionProcess.answer(port) == 'b' }
        }

        then:
        launched.answer == 'a'
        !launched.output.contains('SIGHUP was ignored')

        cleanup:
        b?.close()
    }

    @Requires({ Junction.ENGINE == 'own' })
    def "through the launcher, requests on descriptors above 127 allocate nothing: the JDK selector's descriptor lookups box none"() {
        given: 'a keep-alive backend, and 200 idle clients first, so the measured connections get descriptors above 127'
        def raw = new RawBackend('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
        Path conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('web.groovy'), Junction.onePool("    backend '$raw.url'"))
        Map<String, Long> before = [:]
        Map<String, Long> after = [:]

        when: 'the young generation is read around 50,000 requests, after 50,000 to warm up'
        launch(conf, 'steady.log', '') { Process process, int port ->
            def idle = (1..200).collect { new Socket(InetAddress.loopbackAddress, port) }
            def client = new KeepAliveClient(port, 'GET / HTTP/1.1\r\nHost: shop\r\n\r\n')
            try {
                client.send(REQUESTS)
                before.putAll(youngGeneration(process.pid()))
                client.send(REQUESTS)
                after.putAll(youngGeneration(process.pid()))
            } finally {
                client.close()
                idle*.close()
            }
        }

        then: 'no collection in between, and under a byte per request (a box per ready descriptor was 16)'
        after.collections == before.collections
        (after.edenUsed - before.edenUsed) < REQUESTS

        cleanup:
        raw?.close()
    }

    /** Eden's used bytes and the young collections so far, from {@code jstat -gc} (columns EU, in KiB, and YGC). */
    private static Map<String, Long> youngGeneration(long pid) {
        def jstat = new ProcessBuilder('jstat', '-gc', pid as String).redirectErrorStream(true).start()
        def lines = jstat.inputStream.text.readLines()
        assert jstat.waitFor() == 0: lines
        def columns = lines[0].trim().split(/\s+/).toList()
        def values = lines[1].trim().split(/\s+/).toList()
        [edenUsed: (values[columns.indexOf('EU')] as double) * 1024 as long, collections: values[columns.indexOf('YGC')] as long]
    }

    /** The id of the thread that loaded {@code className}, from the class-loading log ("[tid] name source: ..."). */
    private static String loadingThread(String output, String className) {
        def loaded = output =~ /\[(\d+)\] ${java.util.regex.Pattern.quote(className)}/
        assert loaded.find(): "no thread loaded $className"
        loaded.group(1)
    }

    /**
     * The distribution's {@code bin/junction run} on {@code conf} with its scripts cached in this spec's folder, until it
     * answered once; -Xshare:on makes a JVM that cannot map the archive refuse to start. {@code before} is shell run in
     * the same process first; {@code whileServing} is called with the process and its port after the first answer;
     * {@code seenMillis} is how long after the process was started its listener line was seen.
     */
    private Map launch(Path conf, String logName, String before = '', Closure whileServing = null) {
        Path log = dir.resolve(logName)
        def builder = new ProcessBuilder(['bash', '-c', "${before}exec bash \"\$0\" run --conf \"\$1\"" as String,
                                          DIST.resolve('bin/junction').toString(), conf.toString()])
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
        builder.environment().put('JUNCTION_HOME', dir.toString())
        builder.environment().put('JAVA_OPTS', "-Xshare:on -Xlog:class+load=info::tid -Xlog:class+init=info::tid -Djunction.admin.port=0 " +
                "-Djunction.scripts.cache-dir=${dir.resolve('scripts')} -Djunction.http.engine=$Junction.ENGINE" as String)
        long startedAt = System.nanoTime()
        def process = builder.start()
        try {
            def listening = /listener 'public' on 127\.0\.0\.1:(\d+)/
            JunctionProcess.STARTED.eventually { assert Files.readString(log) =~ listening }
            long seenMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt)
            int port = (Files.readString(log) =~ listening)[0][1] as int
            String answer = JunctionProcess.answer(port)
            whileServing?.call(process, port)
            assert new ProcessBuilder('kill', '-TERM', process.pid() as String).start().waitFor() == 0
            assert process.waitFor(120, TimeUnit.SECONDS)
            [answer: answer, output: Files.readString(log), seenMillis: seenMillis]
        } finally {
            process.destroyForcibly()
        }
    }
}
