package io.junction.e2e.dist

import io.junction.e2e.Junction
import io.junction.e2e.JunctionProcess
import io.junction.e2e.TestBackend
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** The distribution's tarball unpacked in a temp folder runs with only a JRE: its own launcher, its sample configuration, and it serves. */
class TarballSpec extends Specification {

    static final Path TARBALL = Path.of(System.getProperty('junction.test.tarball', 'no tarball configured'))

    @Shared @TempDir Path dir
    @Shared Path home

    def setupSpec() {
        assert Files.isRegularFile(TARBALL): "$TARBALL is missing: it is built in runtime/dist's package phase (mvn verify)"
        def untar = new ProcessBuilder('tar', '-xzf', TARBALL.toString(), '-C', dir.toString()).inheritIO().start()
        assert untar.waitFor() == 0
        home = dir.resolve(TARBALL.fileName.toString() - '.tar.gz')
    }

    /** {@code bin/junction ARGS} of the unpacked tarball, with nothing of the build on its path: exit code and output. */
    private List junction(String... args) {
        def process = new ProcessBuilder(['bash', home.resolve('bin/junction').toString(), *args])
                .directory(dir.toFile()).redirectErrorStream(true)
        process.environment().remove('JUNCTION_HOME')
        def started = process.start()
        String output = started.inputStream.text
        assert started.waitFor(60, TimeUnit.SECONDS)
        [started.exitValue(), output]
    }

    def "it holds #entry"() {
        expect:
        Files.exists(home.resolve(entry))

        where:
        entry << ['bin/junction', 'lib', 'builtin-plugins', 'plugins', 'conf.d/20-http.groovy', 'junction.properties']
    }

    def "bin/junction check validates the sample conf.d with the built-in plugins"() {
        when:
        def (code, output) = junction('check')

        then:
        code == 0
        output.trim() ==~ /checked \S+\/conf\.d: configuration OK: .*strategies: .*round-robin.*/
    }

    def "bin/junction run serves a conf dir, forwarding to a backend, and exits 0 on SIGTERM"() {
        given: 'a conf dir forwarding to a test backend, every port a free one'
        def backend = new TestBackend('a')
        Path conf = Files.createDirectories(dir.resolve('serve/conf.d'))
        Files.writeString(conf.resolve('web.groovy'), Junction.onePool("    backend '$backend.url'"))
        Path log = dir.resolve('serve/run.log')
        def launch = new ProcessBuilder(['bash', home.resolve('bin/junction').toString(), 'run', '--conf', conf.toString()])
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
        launch.environment().remove('JUNCTION_HOME')
        launch.environment().put('JAVA_OPTS', "-Djunction.admin.port=0 -Djunction.http.engine=$Junction.ENGINE" as String)
        def process = launch.start()

        when: 'it prints where it listens, and a request goes through it'
        def listening = /listener 'public' on 127\.0\.0\.1:(\d+)/
        JunctionProcess.STARTED.eventually { assert Files.readString(log) =~ listening }
        String answer = JunctionProcess.answer((Files.readString(log) =~ listening)[0][1] as int)
        assert new ProcessBuilder('kill', '-TERM', process.pid() as String).start().waitFor() == 0

        then:
        answer == 'a'
        process.waitFor(60, TimeUnit.SECONDS)
        process.exitValue() == 0

        cleanup:
        process?.destroyForcibly()
        backend?.close()
    }

    def "bin/junction version names the version, the commit it was built from and Java"() {
        given:
        def git = ['git', 'rev-parse', '--short=12', 'HEAD'].execute(null, new File(System.getProperty('junction.test.project')))
        String commit = git.text.trim()

        when:
        def (code, output) = junction('version')

        then:
        git.waitFor() == 0
        code == 0
        output.trim() ==~ /junction ${home.fileName.toString() - 'junction-'} \(commit $commit, Java \d+\S* .*\)/
    }
}
