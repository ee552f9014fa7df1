package io.junction.server.config

import io.junction.core.check.Spelling
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

import static io.junction.server.config.SettingKeys.*

class SettingsSpec extends Specification {

    @TempDir Path dir

    private Path file(String text) {
        Files.writeString(dir.resolve('junction.properties'), text)
    }

    private static String env(String key) {
        SettingsLoader.environmentName(key)
    }

    private List<String> problems(Path settingsFile, Map<String, String> overrides = [:], Map<String, String> environment = [:]) {
        try {
            JunctionSettings.load(settingsFile, overrides, environment)
            return []
        } catch (SettingsException e) {
            return e.problems()
        }
    }

    def "#source wins over everything below it"() {
        given:
        def properties = fileValue ? file("$CONNECT_TIMEOUT=$fileValue\n") : null
        def environment = envValue ? [(env(CONNECT_TIMEOUT)): envValue] : [:]
        def overrides = overrideValue ? [(CONNECT_TIMEOUT): overrideValue] : [:]

        expect:
        JunctionSettings.load(properties, overrides, environment).upstream().connectTimeout() == expected

        where:
        source                          | fileValue | envValue | overrideValue || expected
        'the documented default'        | null      | null     | null          || Duration.ofSeconds(5)
        'junction.properties'           | '2s'      | null     | null          || Duration.ofSeconds(2)
        'a JUNCTION_* variable'         | '2s'      | '3s'     | null          || Duration.ofSeconds(3)
        'a command-line override'       | '2s'      | '3s'     | '250ms'       || Duration.ofMillis(250)
    }

    def "a -D system property wins over the environment and the file"() {
        given:
        System.setProperty(CONNECT_TIMEOUT, '7s')

        expect:
        JunctionSettings.load(file("$CONNECT_TIMEOUT=2s\n"), [:], [(env(CONNECT_TIMEOUT)): '3s']).upstream().connectTimeout() == Duration.ofSeconds(7)

        cleanup:
        System.clearProperty(CONNECT_TIMEOUT)
    }

    def "environment names are upper case with '.' and '-' as '_'"() {
        expect:
        env('junction.upstream.connect-timeout') == 'JUNCTION_UPSTREAM_CONNECT_TIMEOUT'
    }

    def "the defaults file gives every setting its documented value"() {
        when:
        def settings = JunctionSettings.load(null, [:], [:])

        then:
        settings.upstream() == new JunctionSettings.Upstream(Duration.ofSeconds(5), Duration.ofSeconds(15), 1, 256, Duration.ofSeconds(15))
        settings.http() == new JunctionSettings.Http(Duration.ofSeconds(60), Duration.ofSeconds(10), 32768, 100, 0, JunctionSettings.Engine.OWN, Duration.ofHours(1), 0,
                Duration.ofSeconds(60), Duration.ofSeconds(60), 10000)
        settings.ioThreads() == 0
        settings.drainTimeout() == Duration.ofSeconds(30)
        settings.resolverRefresh() == Duration.ofSeconds(30)
        settings.demoBackendPorts() == [9001, 9002]
    }

    def "a bad value in #source is one line naming #where"() {
        given:
        def settingsFile = source == 'the file' ? file("$HTTP_IDLE_TIMEOUT=30\n") : null
        def environment = source == 'the environment' ? [(env(HTTP_IDLE_TIMEOUT)): '30'] : [:]
        if (source == '-D') {
            System.setProperty(HTTP_IDLE_TIMEOUT, '30')
        }

        expect:
        problems(settingsFile, [:], environment) ==
                ["${where.replace('FILE', dir.resolve('junction.properties').toString())}: must be a duration like 250ms, 5s, 2m or 1h, got '30'" as String]

        cleanup:
        System.clearProperty(HTTP_IDLE_TIMEOUT)

        where:
        source            || where
        'the file'        || 'FILE: junction.http.idle-timeout'
        'the environment' || 'environment JUNCTION_HTTP_IDLE_TIMEOUT'
        '-D'              || '-Djunction.http.idle-timeout'
    }

    def "#key = '#value' is refused: #expected"() {
        expect:
        problems(null, [(key): value]) == ["command line $key: must be $expected, got '$value'" as String]

        where:
        key                        | value        || expected
        CONNECT_TIMEOUT            | '5 sec'      || 'a duration like 250ms, 5s, 2m or 1h'
        CONNECT_TIMEOUT            | '0s'         || 'above 0 and at most 596h'
        HTTP_HEADER_TIMEOUT        | '600h'       || 'above 0 and at most 596h'
        DRAIN_TIMEOUT              | '-1s'        || 'a duration like 250ms, 5s, 2m or 1h'
        RESOLVER_REFRESH           | 'never'      || 'a duration like 250ms, 5s, 2m or 1h, or off'
        RESOLVER_REFRESH           | '600h'       || 'at most 596h'
        CONNECT_RETRIES            | 'one'        || 'a whole number'
        CONNECT_RETRIES            | '-1'         || '0 or more'
        IO_THREADS                 | '5000'       || 'from 0 to 1024'
        MAX_CONNECTIONS_PER_THREAD | '0'          || '1 or more'
        HTTP_MAX_HEADERS           | '99999999999'|| '1 or more'
        HTTP_MAX_REQUEST_BODY      | '-5'         || '0 or more'
        DEMO_BACKEND_PORTS         | '9001,x'     || 'comma-separated port numbers'
        DEMO_BACKEND_PORTS         | '9001,70000' || 'ports from 1 to 65535'
    }

    def "a bad resolver refresh in the file is named by file and key"() {
        expect:
        problems(file("$RESOLVER_REFRESH=soon\n")) ==
                ["$dir/junction.properties: junction.resolver.refresh: must be a duration like 250ms, 5s, 2m or 1h, or off, got 'soon'" as String]
    }

    def "zero is a valid #key"() {
        expect:
        problems(null, [(key): value]) == []

        where:
        key                   | value
        DRAIN_TIMEOUT         | '0s'
        RESOLVER_REFRESH      | '0'
        RESOLVER_REFRESH      | 'off'
        HTTP_MAX_REQUEST_BODY | '0'
        CONNECT_RETRIES       | '0'
        IO_THREADS            | '0'
    }

    def "every problem is reported at once: unknown keys, then bad values"() {
        expect:
        problems(file("$CONNECT_RETRIES=many\n$HTTP_IDLE_TIMEOUT=30\njunction.drain.timout=1s\n")) == [
                "$dir/junction.properties: unknown setting 'junction.drain.timout'; did you mean 'junction.drain.timeout'?",
                "$dir/junction.properties: $CONNECT_RETRIES: must be a whole number, got 'many'",
                "$dir/junction.properties: $HTTP_IDLE_TIMEOUT: must be a duration like 250ms, 5s, 2m or 1h, got '30'"]*.toString()
    }

    def "an unknown key '#key' in #source suggests #suggestion"() {
        expect:
        problems(source == 'the file' ? file("$key=1\n") : null, source == 'an override' ? [(key): '1'] : [:]).first()
                .endsWith("unknown setting '$key'$suggestion")

        where:
        source        | key                           || suggestion
        'the file'    | 'junction.http.idle-timout'   || "; did you mean 'junction.http.idle-timeout'?"
        'the file'    | 'junction.upstream.conect-timeout' || "; did you mean 'junction.upstream.connect-timeout'?"
        'the file'    | 'junction.frobnicate'         || ' (the known ones are listed in junction-defaults.properties)'
        'an override' | 'junction.io-thread'          || "; did you mean 'junction.io-threads'?"
    }

    def "keys outside junction.* in the file are left alone"() {
        expect:
        problems(file("log.level=debug\n")) == []
    }

    def "a settings file that does not exist is named"() {
        expect:
        problems(dir.resolve('nope.properties')) == ["$dir/nope.properties: settings file does not exist" as String]
    }

    def "relative paths resolve against junction.home"() {
        when:
        def settings = JunctionSettings.load(null, [(HOME): dir.toString(), (PLUGINS_DIR): '/opt/plugins'], [:])

        then:
        settings.home() == dir
        settings.confDir() == dir.resolve('conf.d')
        settings.pluginsDir() == Path.of('/opt/plugins')
    }

    def "the installed junction.properties is the one in junction.home, when there is one"() {
        given:
        System.setProperty(HOME, dir.toString())

        expect:
        JunctionSettings.installedFile() == Optional.empty()

        when:
        file("$CONNECT_RETRIES=2\n")

        then:
        JunctionSettings.installedFile() == Optional.of(dir.resolve('junction.properties'))

        cleanup:
        System.clearProperty(HOME)
    }

    def "edit distance counts insertions, deletions and substitutions"() {
        expect:
        Spelling.distance(a, b) == edits

        where:
        a         | b          || edits
        'timeout' | 'timeout'  || 0
        'timout'  | 'timeout'  || 1
        'timeoutt'| 'timeout'  || 1
        'tineout' | 'timeout'  || 1
        'abc'     | ''         || 3
    }
}
