package io.junction.e2e

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** {@code junction check} lints: warnings at file:line, exit 0, or 1 with --strict. */
class LintCommandSpec extends Specification {

    @TempDir Path dir

    static final String POOLS = """pool('web') {
    backend 'http://127.0.0.1:9001'
    retries 2
}
pool('spare') {
    backend 'http://127.0.0.1:9002'
}
"""
    static final String HTTP = """http('public', port: 8080) {
    route(path: '/api') { forward 'web' }
    route(path: '/api/admin') { forward 'web' }
    route(path: '/api') { respond 200, 'again' }
    route(path: '/orders', method: 'POST') { forward 'web' }
}
"""

    private Map check(String... more) {
        def conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('10-pools.groovy'), POOLS)
        Files.writeString(conf.resolve('20-http.groovy'), HTTP)
        JunctionCommand.run(['check', '--conf', conf.toString(), '--plugins', Junction.PLUGINS.toString(), *more] as String[])
    }

    def "#flags: every lint warning at file:line, exit #code"() {
        when:
        def result = check(flags as String[])

        then:
        result.code == code
        result.err.readLines().findAll { it.startsWith('warning: ') } == [
                'warning: 20-http.groovy:3:5: route never matches: the route at 20-http.groovy:2:5 takes every request it would',
                'warning: 20-http.groovy:4:5: duplicate route: the route at 20-http.groovy:2:5 matches the same requests first',
                "warning: 20-http.groovy:5:5: retries of pool 'web' never apply to this route: it only takes POST, which is not idempotent, and a request already sent is resent only when it is",
                "warning: 10-pools.groovy:5:1: pool 'spare' is used by no route"]
        result.out.contains('configuration OK') == (code == 0)

        where:
        flags        || code
        []           || 0
        ['--strict'] || 1
    }
}
