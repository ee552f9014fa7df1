package io.junction.dsl

import groovy.lang.DelegatesTo
import io.junction.dsl.internal.MatcherArgs
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

import static io.junction.dsl.Scripts.compile

/** Every ```groovy block of docs/dsl.md compiles, every matcher word is documented, and the GDSL file ships. */
class DslDocsSpec extends Specification {

    static final String REFERENCE = Files.readString(Path.of('..', 'docs', 'dsl.md'))

    static List<String> groovyBlocks() {
        (REFERENCE =~ /(?s)```groovy\n(.*?)```/).collect { it[1] as String }
    }

    def "docs/dsl.md example #index compiles"() {
        expect:
        compile([("10-example-${index}.groovy".toString()): block]) != null

        where:
        block << groovyBlocks()
        index = groovyBlocks().indexOf(block)
    }

    def "the matcher word '#word' is in the reference table with an example"() {
        expect:
        REFERENCE.contains("| `$word` |")
        groovyBlocks().any { it.contains("$word:") }

        where:
        word << MatcherArgs.WORDS
    }

    def "the dsl JAR ships a GDSL file that makes conf.d scripts complete as JunctionScript"() {
        given:
        def gdsl = DslDocsSpec.getResource('/io/junction/dsl/junction.gdsl')?.text

        expect:
        gdsl != null
        gdsl.contains("findClass('${JunctionScript.name}')")
        gdsl.contains('conf\\\\.d')
    }

    def "the GDSL lists every word of the '#block' block (#dsl.simpleName)"() {
        given:
        def gdsl = DslDocsSpec.getResource('/io/junction/dsl/junction.gdsl').text
        def listed = (gdsl =~ /(?s)\b${block}\s*:\s*\[(.*?)\]/).collect { (it[1] =~ /'(\w+)'/).collect { it[1] } }

        expect: 'a new DSL word without completion goes red here'
        listed.size() == 1
        listed[0].containsAll(dsl.methods*.name.unique())

        where:
        [block, dsl] << blocks()
    }

    /** Each word that opens a block, with the interface its block delegates to. */
    static List<List> blocks() {
        [JunctionScript, PoolDsl, HttpListenerDsl, HttpsListenerDsl, TcpListenerDsl, TcpRouteDsl, RouteDsl].collectMany { dsl ->
            dsl.methods.collectMany { method ->
                method.parameterAnnotations.flatten().findAll { it instanceof DelegatesTo }.collect { [method.name, it.value()] }
            }
        }.unique()
    }
}
