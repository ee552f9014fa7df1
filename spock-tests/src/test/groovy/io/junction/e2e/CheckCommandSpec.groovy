package io.junction.e2e

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.util.regex.Pattern

/**
 * {@code junction check}: exit 0 and a summary naming the folder when valid; otherwise every error on
 * one line (file:line:column, the folder, or the settings file and key), no stack trace, exit 1.
 */
class CheckCommandSpec extends Specification {

    @TempDir Path dir

    static final String POOLS = "pool('web') {\n    backend 'http://127.0.0.1:9001'\n}\n"
    static final String HTTP = "http('public', port: 8080) { otherwise { forward 'web' } }\n"

    private Path conf(Map<String, String> scripts) {
        def conf = Files.createDirectories(dir.resolve('conf.d'))
        scripts.each { name, text -> Files.writeString(conf.resolve(name), text) }
        conf
    }

    private static Map check(Path conf, String... more) {
        JunctionCommand.run(['check', '--conf', conf.toString(), '--plugins', Junction.PLUGINS.toString(), *more] as String[])
    }

    def "a valid configuration exits 0 with a one-line summary naming the folder"() {
        given:
        def conf = conf(['10-pools.groovy': POOLS, '20-http.groovy': HTTP])

        when:
        def result = check(conf)

        then:
        result.code == 0
        result.out.readLines() == ["checked $conf: configuration OK: 1 listener(s), 1 pool(s), 1 backend(s); strategies: consistent-hash, least-connections, p2c, peak-ewma, random, round-robin, weighted-round-robin; health checks: http, tcp; session stores: memory, redis" as String]
    }

    def "#problem: exit 1 naming #file:#line"() {
        when:
        def result = check(conf(scripts))

        then:
        result.code == 1
        result.err.readLines().any { it ==~ /${Pattern.quote(file)}:${line}:\d+: ${Pattern.quote(message)}/ }
        result.err.readLines().last() ==~ /checked .*conf\.d: \d error\(s\); configuration NOT valid/

        where:
        problem                    | scripts                                                                                       || file              | line | message
        'syntax error'             | ['10-pools.groovy': "pool('web') {\n    backend 'http://127.0.0.1:9001'\n    weight(\n}\n"] || '10-pools.groovy' | 3    | "syntax error: '(' opened here is never closed"
        'unknown strategy id'      | ['10-pools.groovy': "pool('web') {\n    balance 'fastest'\n    backend 'http://127.0.0.1:9001'\n}\nhttp('p', port: 8080) { otherwise { forward 'web' } }\n"] || '10-pools.groovy' | 1 | "pool 'web': unknown balancing strategy 'fastest'; available: consistent-hash, least-connections, p2c, peak-ewma, random, round-robin, weighted-round-robin"
        'route to a missing pool'  | ['10-pools.groovy': POOLS, '20-http.groovy': "http('public', port: 8080) {\n    route(path: '/api') { forward 'api' }\n}\n"] || '20-http.groovy' | 2 | "forward to pool 'api', which is not defined; defined pools: web"
        'two listeners on a port'  | ['10-pools.groovy': POOLS, '20-http.groovy': "http('a', port: 8080) { otherwise { forward 'web' } }\n\nhttp('b', port: 8080) { otherwise { forward 'web' } }\n"] || '20-http.groovy' | 3 | "listener 'b' uses port 8080, already taken by listener 'a' at 20-http.groovy:1:1"
    }

    def "--conf to a folder that #situation: '#message', naming the folder as given"() {
        given:
        Files.createDirectories(dir.resolve('empty'))
        Files.writeString(dir.resolve('file.groovy'), HTTP)
        def folder = dir.resolve(name)

        when:
        def result = check(folder)

        then:
        result.code == 1
        result.err.readLines() == ["$folder: $message", "checked $folder: 1 error(s); configuration NOT valid"]*.toString()

        where:
        situation        | name          || message
        'does not exist' | 'missing'     || 'does not exist'
        'is a file'      | 'file.groovy' || 'is not a folder'
        'has no scripts' | 'empty'       || 'has no *.groovy files'
    }

    def "#command refuses a bad settings file with one line per problem, no stack trace, exit 1"() {
        given:
        def conf = conf(['10-pools.groovy': POOLS, '20-http.groovy': HTTP])
        def settings = Files.writeString(dir.resolve('junction.properties'),
                "junction.http.idle-timeout=30\njunction.upstream.conect-timeout=1s\n")

        when:
        def result = JunctionCommand.run(command, '--config', settings.toString(), '--conf', conf.toString(), '--plugins', Junction.PLUGINS.toString())

        then:
        result.code == 1
        result.out == ''
        result.err.readLines() == [
                "$settings: unknown setting 'junction.upstream.conect-timeout'; did you mean 'junction.upstream.connect-timeout'?",
                "$settings: junction.http.idle-timeout: must be a duration like 250ms, 5s, 2m or 1h, got '30'",
                verdict]*.toString()

        where:
        command || verdict
        'check' || '2 settings error(s); configuration NOT valid'
        'run'   || 'not started: the settings have 2 error(s)'
        'demo'  || 'not started: the settings have 2 error(s)'
    }

    def "check names a -D setting by its property"() {
        given:
        System.setProperty('junction.upstream.connect-retries', 'twice')

        when:
        def result = check(conf(['10-pools.groovy': POOLS, '20-http.groovy': HTTP]))

        then:
        result.code == 1
        result.err.readLines().first() == "-Djunction.upstream.connect-retries: must be a whole number, got 'twice'"

        cleanup:
        System.clearProperty('junction.upstream.connect-retries')
    }
}
