package io.junction.e2e.admin

import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import io.junction.e2e.JunctionCommand
import io.junction.e2e.JunctionProcess
import io.junction.e2e.ProcessSpec
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path

/** {@code junction reload} against a real {@code junction run} in its own process, through the admin listener. */
class ReloadCommandSpec extends Specification {

    @TempDir Path dir
    TestBackend a = new TestBackend('a')
    TestBackend b = new TestBackend('b')
    JunctionProcess junction

    def cleanup() {
        junction?.close()
        [a, b]*.close()
    }

    /** {@code junction reload --config FILE} in this JVM: exit code, standard output, standard error. */
    private static List reload(Path settings) {
        def result = JunctionCommand.run('reload', '--config', settings.toString())
        [result.code, result.out, result.err]
    }

    def "reload prints the new generation, or the errors and exit 1 while the running one keeps serving"() {
        given:
        int port = Junction.refusedPort()
        def settings = dir.resolve('junction.properties')
        Files.writeString(settings, "junction.admin.port=${Junction.refusedPort()}\n")
        def conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('web.groovy'), ProcessSpec.script(port, a))
        junction = JunctionProcess.start(dir.resolve('junction.log'), [], 'run', '--config', settings.toString(),
                '--conf', conf.toString(), '--plugins', Junction.PLUGINS.toString())
        def eventually = new PollingConditions(timeout: 30, delay: 0.1)

        expect: 'the pid line comes once the admin listener is up, after the listeners'
        JunctionProcess.STARTED.eventually {
            assert JunctionProcess.answer(port) == 'a'
            assert junction.output().contains("pid ${junction.pid()}")
        }

        when:
        Files.writeString(conf.resolve('web.groovy'), ProcessSpec.script(port, b))
        def (code, out, err) = reload(settings)

        then:
        code == 0
        out.trim() == 'reloaded: generation 2 serving'
        JunctionProcess.answer(port) == 'b'

        when:
        Files.writeString(conf.resolve('web.groovy'), "pool('web') {\n    backend 'http://nowhere'\n}\n")
        (code, out, err) = reload(settings)

        then:
        code == 1
        err.readLines()[0].startsWith('web.groovy:2:')
        err.readLines()[-1] == 'reload failed, generation 2 keeps serving'
        JunctionProcess.answer(port) == 'b'
    }

    def "reload with nothing running names the address it tried"() {
        given:
        def settings = Files.writeString(dir.resolve('junction.properties'), "junction.admin.port=${Junction.refusedPort()}\n")

        when:
        def (code, out, err) = reload(settings)

        then:
        code == 1
        err.trim() ==~ /not reloaded: no junction answers at 127\.0\.0\.1:\d+ \(junction\.admin\.bind, junction\.admin\.port\)/
    }
}
