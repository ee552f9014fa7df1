package io.junction.dsl

import io.junction.core.check.ConfigException
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

/** Compiled scripts kept between launches: an unchanged script is not compiled again, anything else is. */
class ScriptCacheSpec extends Specification {

    static final String WEB = "pool('web') { backend 'http://127.0.0.1:9001' }\n"
    static final String API = "pool('api') { backend 'http://127.0.0.1:9002'; backend 'http://127.0.0.1:9003' }\n"

    @TempDir Path conf
    @TempDir Path cacheDir

    def "an unchanged script is served from the cache, not compiled again"() {
        given: 'the cache kept the classes of the api script under the web script entry'
        def cache = ScriptCache.in(cacheDir)
        write(API)
        RoutingScripts.compile(conf, cache)
        def apiEntry = entries().first()
        Files.delete(conf.resolve('10-pools.groovy'))
        write(WEB)
        RoutingScripts.compile(conf, cache)
        def webEntry = entries().find { it != apiEntry }
        Files.copy(apiEntry, webEntry, StandardCopyOption.REPLACE_EXISTING)

        expect: 'the web script runs what its entry holds, so the cache was read'
        RoutingScripts.compile(conf, cache).pools().keySet().toList() == ['api']
    }

    def "a script that #change is compiled again and the new entry kept"() {
        given:
        def cache = ScriptCache.in(cacheDir)
        write(WEB)
        RoutingScripts.compile(conf, cache)
        if (torn) {
            entries().each { Files.write(it, [0, 0, 0, 3, 1] as byte[]) }
        }
        write(text)

        expect:
        RoutingScripts.compile(conf, cache).pools().keySet().toList() == [pool]
        entries().size() == kept

        where:
        change                      | text | torn  || pool  | kept
        'changed'                   | API  | false || 'api' | 2
        'did not change, torn entry'| WEB  | true  || 'web' | 1
    }

    def "a script with a syntax error is reported at its line and never kept"() {
        given:
        def cache = ScriptCache.in(cacheDir)
        write("pool('web') {\n  backend 'http://127.0.0.1:9001'\n")

        when:
        RoutingScripts.compile(conf, cache)

        then:
        def e = thrown(ConfigException)
        e.problems()*.toString().every { it.startsWith('10-pools.groovy:1:') }
        entries().isEmpty()
    }

    private void write(String text) {
        Files.writeString(conf.resolve('10-pools.groovy'), text)
    }

    private List<Path> entries() {
        Files.list(cacheDir).withCloseable { it.filter { it.toString().endsWith('.classes') }.toList() }
    }
}
