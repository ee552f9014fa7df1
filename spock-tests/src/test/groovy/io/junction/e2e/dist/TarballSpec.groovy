package io.junction.e2e.dist

import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** The distribution's tarball unpacked in a temp folder runs with only a JRE: its own launcher, its sample configuration. */
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
