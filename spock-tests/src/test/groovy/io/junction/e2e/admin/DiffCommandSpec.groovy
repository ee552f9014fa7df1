package io.junction.e2e.admin

import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import io.junction.e2e.JunctionCommand
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** {@code junction diff} through the real command line against a running server's admin listener. */
class DiffCommandSpec extends Specification {

    @TempDir Path dir
    TestBackend a = new TestBackend('a')
    TestBackend b = new TestBackend('b')
    Junction junction
    AdminClient admin

    def setup() {
        junction = new Junction(dir.resolve('running'), ['web.groovy': AdminApiSpec.script(a)])
        admin = new AdminClient(junction)
    }

    def cleanup() {
        admin?.close()
        junction?.close()
        [a, b]*.close()
    }

    /** {@code junction diff --conf CONF} in this JVM: exit code, standard output, standard error. */
    private List diff(String script, int adminPort = admin.listener.address().port) {
        Path conf = Files.createDirectories(dir.resolve('next/conf.d'))
        Files.writeString(conf.resolve('web.groovy'), script)
        Path settings = Files.writeString(dir.resolve('junction.properties'), "junction.admin.port=$adminPort\n")
        def result = JunctionCommand.run('diff', '--config', settings.toString(), '--conf', conf.toString(),
                '--plugins', Junction.PLUGINS.toString())
        [result.code, result.out.readLines(), result.err.readLines()]
    }

    /** Backend ports as A and B; a pool's long settings text as "settings". */
    private String readable(String line) {
        line.replace(a.port as String, 'A').replace(b.port as String, 'B').replaceAll(/^([+-] pool \w+): .*$/, '$1: settings')
    }

    def "a conf.d #change: exit #exitCode and one line per change"() {
        when:
        def (code, out, err) = diff(next(a, b))

        then:
        code == exitCode
        out.dropRight(1).collect { readable(it) } == lines
        out.last().startsWith(exitCode == 0 ? 'no changes' : "${lines.size()} change(s)")
        err == []

        where:
        change                        | next                                                                        || exitCode | lines
        'the same as the running one' | { x, y -> AdminApiSpec.script(x) }                                          || 0        | []
        'with a backend added'        | { x, y -> AdminApiSpec.script(x, y) }                                       || 1        | ["+ backend of pool 'web' 127.0.0.1:B: weight 1, up"]
        'with a route moved'          | { x, y -> AdminApiSpec.script(x).replace("'/direct'", "'/teapot'") }        || 1        | ["+ route of 'public': path /teapot -> respond 418", "- route of 'public': path /direct -> respond 418"]
        'with the pool renamed'       | { x, y -> AdminApiSpec.script(x).replace("'web'", "'api'") }                || 1        | ["+ route of 'public': otherwise -> forward 'api'", "- route of 'public': otherwise -> forward 'web'", "- pool web: settings", "+ pool api: settings", "- backend of pool 'web' 127.0.0.1:A: weight 1, up", "+ backend of pool 'api' 127.0.0.1:A: weight 1, up"]
    }

    def "a broken script or no running junction: exit 2 and why"() {
        when:
        def (code, out, err) = diff(script, port == 'refused' ? Junction.refusedPort() : admin.listener.address().port)

        then:
        code == 2
        out == []
        err.last() ==~ why

        where:
        script                                              | port      || why
        "pool('web') {\n    backend 'http://nowhere'\n}\n" | 'admin'   || /no diff: the configuration has 1 error\(s\)/
        "http('public', port: 0) {\n    otherwise { respond 200, 'ok' }\n}\n" | 'refused' || /no diff: no junction answers at 127\.0\.0\.1:\d+ \(junction\.admin\.bind, junction\.admin\.port\)/
    }
}
