package io.junction.e2e.dist

import io.junction.e2e.Junction
import io.junction.e2e.JunctionProcess
import io.junction.e2e.TestBackend
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * What makes the built distribution's launch quick (docs/performance.md, launch): the class-data archive its build
 * wrote is mapped, a launch whose scripts are all cached leaves Groovy's parser alone, and the admin listener still
 * comes up. The JVM's class-loading log says where each class came from.
 */
class LaunchSpec extends Specification {

    static final Path DIST = Path.of(System.getProperty('junction.test.project', 'no project configured'), 'runtime/dist/target/junction')
    /** A class only Groovy's parser loads. */
    static final String PARSER = 'org.apache.groovy.parser.antlr4.AstBuilder '

    @TempDir Path dir
    @AutoCleanup TestBackend backend = new TestBackend('a')

    def "a launch maps Junction from the build's archive; scripts cached: #cached, Groovy's parser ran: #parsed"() {
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
        launched.output.contains('io.junction.server.JunctionServer source: shared objects file (top)')
        launched.output.contains(PARSER) == parsed
        launched.output =~ /admin on 127\.0\.0\.1:\d+/

        where:
        cached || parsed
        false  || true
        true   || false
    }

    /**
     * The distribution's {@code bin/junction run} on {@code conf} with its scripts cached in this spec's folder, until it
     * answered once; -Xshare:on makes a JVM that cannot map the archive refuse to start.
     */
    private Map launch(Path conf, String logName) {
        Path log = dir.resolve(logName)
        def builder = new ProcessBuilder(['bash', DIST.resolve('bin/junction').toString(), 'run', '--conf', conf.toString()])
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
        builder.environment().put('JUNCTION_HOME', dir.toString())
        builder.environment().put('JAVA_OPTS', "-Xshare:on -Xlog:class+load=info -Djunction.admin.port=0 " +
                "-Djunction.scripts.cache-dir=${dir.resolve('scripts')} -Djunction.http.engine=$Junction.ENGINE" as String)
        def process = builder.start()
        try {
            def listening = /listener 'public' on 127\.0\.0\.1:(\d+)/
            JunctionProcess.STARTED.eventually { assert Files.readString(log) =~ listening }
            String answer = JunctionProcess.answer((Files.readString(log) =~ listening)[0][1] as int)
            assert new ProcessBuilder('kill', '-TERM', process.pid() as String).start().waitFor() == 0
            assert process.waitFor(120, TimeUnit.SECONDS)
            [answer: answer, output: Files.readString(log)]
        } finally {
            process.destroyForcibly()
        }
    }
}
