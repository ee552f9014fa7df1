package io.junction.e2e.admin

import io.junction.e2e.Junction
import io.junction.e2e.JunctionProcess
import io.junction.e2e.ProcessSpec
import io.junction.e2e.TestBackend
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path

/** {@code junction run --watch} in its own process: a change in conf.d reloads; a broken script keeps the running config. */
class WatchCommandSpec extends Specification {

    @TempDir Path dir
    TestBackend a = new TestBackend('a')
    TestBackend b = new TestBackend('b')
    JunctionProcess junction

    def cleanup() {
        junction?.close()
        [a, b]*.close()
    }

    def "a saved script is served without a SIGHUP; a broken one is refused and the last good one keeps serving"() {
        given:
        int port = Junction.refusedPort()
        def conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('web.groovy'), ProcessSpec.script(port, a))
        junction = JunctionProcess.start(dir.resolve('junction.log'), ['-Djunction.admin.port=0'], 'run', '--watch',
                '--conf', conf.toString(), '--plugins', Junction.PLUGINS.toString())
        def eventually = new PollingConditions(timeout: 30, delay: 0.1)
        JunctionProcess.STARTED.eventually {
            assert junction.output().contains("watching $conf")
            assert JunctionProcess.answer(port) == 'a'
        }

        when:
        Files.writeString(conf.resolve('web.groovy'), ProcessSpec.script(port, b))

        then:
        eventually.eventually { assert JunctionProcess.answer(port) == 'b' }

        when:
        Files.writeString(conf.resolve('web.groovy'), "pool('web') {\n    backend 'http://nowhere'\n}\n")

        then:
        eventually.eventually { assert junction.output().contains('reload failed, generation 2 keeps serving') }
        JunctionProcess.answer(port) == 'b'

        when: 'the script is fixed'
        Files.writeString(conf.resolve('web.groovy'), ProcessSpec.script(port, a))

        then:
        eventually.eventually { assert JunctionProcess.answer(port) == 'a' }
    }
}
