package io.junction.e2e.admin

import com.fasterxml.jackson.databind.ObjectMapper
import com.sun.net.httpserver.HttpServer
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

    def "consistent-hash #algorithm with #change: about #expected% of keys move"() {
        given: 'a running junction with a consistent-hash pool of four backends'
        admin.close()
        junction.close()
        junction = new Junction(dir.resolve('hashed'), ['web.groovy': hashed(algorithm, [1, 1, 1, 1])])
        admin = new AdminClient(junction)

        when:
        def (code, out, err) = diff(hashed(algorithm, weights))
        def moves = out.findAll { it.startsWith("~ pool 'api'") }

        then:
        code == 1
        moves.size() == 1
        def share = (moves[0] =~ /^~ pool 'api': (\d+\.\d)% of keys move$/)[0][1] as double
        Math.abs(share - expected) < 3

        where: 'the least any algorithm can move: the share the changed backends gain or lose'
        algorithm    | weights         || expected
        'ring'       | [1, 1, 1, 1, 1] || 20
        'maglev'     | [1, 1, 1, 1, 1] || 20
        'rendezvous' | [1, 1, 1, 1, 1] || 20
        'ring'       | [1, 1, 1]       || 25
        'maglev'     | [1, 1, 1]       || 25
        'rendezvous' | [1, 1, 1]       || 25
        'rendezvous' | [2, 1, 1, 1]    || 15
        change = weights.size() == 4 ? 'a weight doubled' : weights.size() > 4 ? 'a backend added' : 'a backend removed'
    }

    def "an older running junction without balancing in /api/config: the changes, and key movement unknown"() {
        given: "a consistent-hash junction's /api/config without its balancing field, as an older version answers"
        admin.close()
        junction.close()
        junction = new Junction(dir.resolve('hashed'), ['web.groovy': hashed('ring', [1, 1, 1, 1])])
        admin = new AdminClient(junction)
        Map older = AdminClient.json(admin.send('GET', '/api/config')) as Map
        assert older.remove('balancing') != null
        def server = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 0)
        server.createContext('/api/config') { exchange ->
            byte[] body = new ObjectMapper().writeValueAsBytes(older)
            exchange.responseHeaders.add('Content-Type', 'application/json')
            exchange.sendResponseHeaders(200, body.length)
            exchange.responseBody.withCloseable { it.write(body) }
        }
        server.start()

        when:
        def (code, out, err) = diff(hashed('ring', [1, 1, 1, 1, 1]), server.address.port)

        then:
        code == 1
        out == ["~ pool 'api': the share of keys that move is unknown (the running junction is older: its /api/config has no balancing)",
                "+ backend of pool 'api' 127.0.0.1:9005: weight 1, up",
                '2 change(s) a reload of ' + dir.resolve('next/conf.d') + ' would make']
        err == []

        cleanup:
        server?.stop(0)
    }

    /** Pool 'api' hashing a header over backends that never need to answer (the diff only picks), one per weight. */
    private static String hashed(String algorithm, List<Integer> weights) {
        """pool('api') {
    balance 'consistent-hash', key: 'header:X-User', algorithm: '$algorithm'
${weights.withIndex().collect { weight, i -> "    backend 'http://127.0.0.1:${9001 + i}', weight: $weight" }.join('\n')}
}
http('public', port: 0, bind: '127.0.0.1') {
    otherwise { forward 'api' }
}
"""
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
