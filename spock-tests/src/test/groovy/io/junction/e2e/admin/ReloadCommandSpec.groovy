package io.junction.e2e.admin

import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import io.junction.server.cli.Main
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path

/** {@code junction reload} against a real {@code junction run} in its own process, through the admin listener. */
class ReloadCommandSpec extends Specification {

    @TempDir Path dir
    TestBackend a = new TestBackend('a')
    TestBackend b = new TestBackend('b')
    Process process

    def cleanup() {
        process?.destroy()
        process?.waitFor()
        [a, b]*.close()
    }

    static String script(int port, TestBackend backend) {
        "pool('web') {\n    backend '$backend.url'\n}\nhttp('public', port: $port, bind: '127.0.0.1') {\n    otherwise { forward 'web' }\n}\n"
    }

    private static String answer(int port) {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:$port/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()
        } catch (IOException ignored) {
            null
        }
    }

    /** {@code junction reload --config FILE} in this JVM: exit code, standard output, standard error. */
    private static List reload(Path settings) {
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute('reload', '--config', settings.toString())
        [code, out.toString(), err.toString()]
    }

    def "reload prints the new generation, or the errors and exit 1 while the running one keeps serving"() {
        given:
        int port = Junction.refusedPort()
        def settings = dir.resolve('junction.properties')
        Files.writeString(settings, "junction.admin.port=${Junction.refusedPort()}\n")
        def conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('web.groovy'), script(port, a))
        def log = dir.resolve('junction.log')
        process = new ProcessBuilder([ProcessHandle.current().info().command().get(), '-cp', System.getProperty('java.class.path'),
                                      'io.junction.server.cli.Main', 'run', '--config', settings.toString(), '--conf', conf.toString(),
                                      '--plugins', Junction.PLUGINS.toString()])
                .redirectErrorStream(true).redirectOutput(log.toFile()).start()
        def eventually = new PollingConditions(timeout: 30, delay: 0.1)
        // a JVM starting with plugins can take a minute on a machine busy with parallel builds
        def started = new PollingConditions(timeout: 120, delay: 0.2)

        expect: 'the pid line comes once the admin listener is up, after the listeners'
        started.eventually {
            assert answer(port) == 'a'
            assert Files.readString(log).contains("pid ${process.pid()}")
        }

        when:
        Files.writeString(conf.resolve('web.groovy'), script(port, b))
        def (code, out, err) = reload(settings)

        then:
        code == 0
        out.trim() == 'reloaded: generation 2 serving'
        answer(port) == 'b'

        when:
        Files.writeString(conf.resolve('web.groovy'), "pool('web') {\n    backend 'http://nowhere'\n}\n")
        (code, out, err) = reload(settings)

        then:
        code == 1
        err.readLines()[0].startsWith('web.groovy:2:')
        err.readLines()[-1] == 'reload failed, generation 2 keeps serving'
        answer(port) == 'b'
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
