package io.junction.server.config

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

class SettingsSpec extends Specification {

    @TempDir Path dir

    static final String KEY = Settings.CONNECT_TIMEOUT

    private Path file(String text) {
        Files.writeString(dir.resolve('junction.properties'), text)
    }

    def "#source wins over everything below it"() {
        given:
        def properties = fileValue ? file("$KEY=$fileValue\n") : null
        def environment = envValue ? [(Settings.environmentName(KEY)): envValue] : [:]
        def overrides = overrideValue ? [(KEY): overrideValue] : [:]

        expect:
        Settings.load(properties, overrides, environment).duration(KEY) == expected

        where:
        source                          | fileValue | envValue | overrideValue || expected
        'the documented default'        | null      | null     | null          || Duration.ofSeconds(5)
        'junction.properties'           | '2s'      | null     | null          || Duration.ofSeconds(2)
        'a JUNCTION_* variable'         | '2s'      | '3s'     | null          || Duration.ofSeconds(3)
        'a command-line override'       | '2s'      | '3s'     | '250ms'       || Duration.ofMillis(250)
    }

    def "a -D system property wins over the environment and the file"() {
        given:
        System.setProperty(KEY, '7s')

        expect:
        Settings.load(file("$KEY=2s\n"), [:], [(Settings.environmentName(KEY)): '3s']).duration(KEY) == Duration.ofSeconds(7)

        cleanup:
        System.clearProperty(KEY)
    }

    def "environment names are upper case with '.' and '-' as '_'"() {
        expect:
        Settings.environmentName('junction.upstream.connect-timeout') == 'JUNCTION_UPSTREAM_CONNECT_TIMEOUT'
    }

    def "a settings file naming an unknown junction key is refused, naming the file and the key"() {
        when:
        Settings.load(file("junction.upstream.conect-timeout=1s\n"))

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains('junction.properties')
        e.message.contains("'junction.upstream.conect-timeout' is unknown")
        e.message.contains(Settings.CONNECT_TIMEOUT)
    }

    def "#text is read as #expected"() {
        expect:
        Settings.load(null, [(KEY): text]).duration(KEY) == expected

        where:
        text    || expected
        '250ms' || Duration.ofMillis(250)
        '5s'    || Duration.ofSeconds(5)
        '2m'    || Duration.ofMinutes(2)
        '1h'    || Duration.ofHours(1)
    }

    def "a malformed #kind says what is expected"() {
        when:
        Settings.load(null, [(key): value])."$kind"(key)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.contains(key)
        e.message.contains(hint)

        where:
        kind       | key                          | value  || hint
        'duration' | Settings.CONNECT_TIMEOUT     | '5 sec'|| 'a duration like 250ms'
        'integer'  | Settings.CONNECT_RETRIES     | 'one'  || 'a whole number'
    }

    def "relative paths resolve against junction.home"() {
        expect:
        Settings.load(null, [(Settings.HOME): dir.toString()]).path(Settings.CONF_DIR) == dir.resolve('conf.d')
    }
}
