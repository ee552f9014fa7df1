package io.junction.dsl

import io.junction.core.check.ConfigValidator
import io.junction.core.model.Action
import io.junction.core.model.Matcher
import io.junction.core.model.TcpListenerSpec
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

import static io.junction.dsl.Scripts.compile

/** docs/dsl.md stays true: its examples compile and mean what the text says. */
class DslReferenceSpec extends Specification {

    static final Path REFERENCE = Path.of('..', 'docs', 'dsl.md')

    def "the complete example in docs/dsl.md compiles and validates"() {
        when:
        def config = compile('10-example.groovy': groovyBlocks()[0])

        then:
        config.pools().web.backends()*.weight() == [5, 1]
        config.listener('public').routes()*.matchers() == [
                [new Matcher.Host('shop.example.com'), new Matcher.PathPrefix('/api/**')],
                [new Matcher.PathPrefix('/status')]]
        config.listener('public').otherwise().action() instanceof Action.Respond
        new ConfigValidator(['weighted-round-robin'] as Set).problems(config).empty
    }

    def "the tcp example in docs/dsl.md compiles and validates"() {
        when:
        def config = compile('10-example.groovy': groovyBlocks()[1])

        then:
        config.listener('postgres').forward().pool() == 'postgres'
        config.listener('postgres').limits() == new TcpListenerSpec.Limits(Duration.ofMinutes(30), 2000)
        new ConfigValidator(['round-robin'] as Set).problems(config).empty
    }

    def "the TLS passthrough example in docs/dsl.md compiles and validates"() {
        when:
        def config = compile('10-example.groovy': groovyBlocks()[2])

        then:
        config.listener('tls').routes()*.action()*.pool() == ['db', 'shop']
        config.listener('tls').forward().pool() == 'default'
        new ConfigValidator(['round-robin'] as Set).problems(config).empty
    }

    def "the route retry example in docs/dsl.md compiles to its retry policy"() {
        when:
        def policy = compile('10-example.groovy': groovyBlocks()[3]).listener('public').routes()[0].policy()

        then:
        policy.retry().tries() == 3
        policy.retry().on()*.word() as Set == ['connect-failure', 'reset', 'timeout', '503'] as Set
        policy.retry().perTry() == Duration.ofSeconds(1)
        policy.total() == Duration.ofSeconds(5)
    }

    def "the Groovy example in docs/dsl.md compiles"() {
        expect:
        compile('10-example.groovy': groovyBlocks()[4]).pools().web.backends().size() == 3
    }

    private static List<String> groovyBlocks() {
        (Files.readString(REFERENCE) =~ /(?s)```groovy\n(.*?)```/).collect { it[1] }
    }
}
