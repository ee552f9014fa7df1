package io.junction.e2e

import io.junction.server.cli.Main
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** {@code junction check}: exit 0 and a summary when valid; every error as file:line:column and exit 1. */
class CheckCommandSpec extends Specification {

    @TempDir Path conf

    static final String POOLS = "pool('web') {\n    backend 'http://127.0.0.1:9001'\n}\n"

    private Map check(Map<String, String> scripts) {
        scripts.each { name, text -> Files.writeString(conf.resolve(name), text) }
        def out = new StringWriter()
        def err = new StringWriter()
        def cli = Main.commandLine()
        cli.out = new PrintWriter(out)
        cli.err = new PrintWriter(err)
        int code = cli.execute('check', '--conf', conf.toString(), '--plugins', Junction.PLUGINS.toString())
        [code: code, out: out.toString(), err: err.toString()]
    }

    def "a valid configuration exits 0 with a one-line summary"() {
        when:
        def result = check(['10-pools.groovy': POOLS,
                            '20-http.groovy' : "http('public', port: 8080) { otherwise { forward 'web' } }\n"])

        then:
        result.code == 0
        result.out.readLines().size() == 1
        result.out.startsWith('configuration OK: 1 listener(s), 1 pool(s), 1 backend(s)')
        result.out.contains('round-robin, weighted-round-robin')
    }

    def "#problem: exit 1 naming #file:#line"() {
        when:
        def result = check(scripts)

        then:
        result.code == 1
        result.err.readLines().any { it ==~ /${file}:${line}:\d+: .*${message}.*/ }

        where:
        problem                    | scripts                                                                                       || file              | line | message
        'syntax error'             | ['10-pools.groovy': "pool('web') {\n    backend 'http://127.0.0.1:9001'\n    weight(\n}\n"] || '10-pools.groovy' | 4    | ''
        'unknown strategy id'      | ['10-pools.groovy': "pool('web') {\n    balance 'fastest'\n    backend 'http://127.0.0.1:9001'\n}\nhttp('p', port: 8080) { otherwise { forward 'web' } }\n"] || '10-pools.groovy' | 1 | "unknown balancing strategy 'fastest'; available: consistent-hash, least-connections, p2c, peak-ewma, random, round-robin, weighted-round-robin"
        'route to a missing pool'  | ['10-pools.groovy': POOLS, '20-http.groovy': "http('public', port: 8080) {\n    route(path: '/api') { forward 'api' }\n}\n"] || '20-http.groovy' | 2 | "pool 'api', which is not defined; defined pools: web"
        'two listeners on a port'  | ['10-pools.groovy': POOLS, '20-http.groovy': "http('a', port: 8080) { otherwise { forward 'web' } }\n\nhttp('b', port: 8080) { otherwise { forward 'web' } }\n"] || '20-http.groovy' | 3 | "uses port 8080, already taken by listener 'a'"
    }
}
