package io.junction.e2e.admin

import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path

/** {@code junction run --watch} in its own process: a change in conf.d reloads; a broken script keeps the running config. */
class WatchCommandSpec extends Specification {

    @TempDir Path dir
    TestBackend a = new TestBackend('a')
    TestBackend b = new TestBackend('b')
    Process process

    def cleanup() {
        process?.destroy()
        process?.waitFor()
        [a, b]*.close()
    }

    private static String answer(int port) {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:$port/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()
        } catch (IOException ignored) {
            null
        }
    }

    def "a saved script is served without a SIGHUP; a broken one is refused and the last good one keeps serving"() {
        given:
        int port = Junction.refusedPort()
        def conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('web.groovy'), ReloadCommandSpec.script(port, a))
        def log = dir.resolve('junction.log')
        process = new ProcessBuilder([ProcessHandle.current().info().command().get(), '-Djunction.admin.port=0',
                                      '-cp', System.getProperty('java.class.path'), 'io.junction.server.cli.Main', 'run', '--watch',
                                      '--conf', conf.toString(), '--plugins', Junction.PLUGINS.toString()])
                .redirectErrorStream(true).redirectOutput(log.toFile()).start()
        def eventually = new PollingConditions(timeout: 30, delay: 0.1)
        // a JVM starting with plugins can take a minute on a machine busy with parallel builds
        def started = new PollingConditions(timeout: 120, delay: 0.2)
        started.eventually {
            assert Files.readString(log).contains("watching $conf")
            assert answer(port) == 'a'
        }

        when:
        Files.writeString(conf.resolve('web.groovy'), ReloadCommandSpec.script(port, b))

        then:
        eventually.eventually { assert answer(port) == 'b' }

        when:
        Files.writeString(conf.resolve('web.groovy'), "pool('web') {\n    backend 'http://nowhere'\n}\n")

        then:
        eventually.eventually { assert Files.readString(log).contains('reload failed, generation 2 keeps serving') }
        answer(port) == 'b'

        when: 'the script is fixed'
        Files.writeString(conf.resolve('web.groovy'), ReloadCommandSpec.script(port, a))

        then:
        eventually.eventually { assert answer(port) == 'a' }
    }
}
