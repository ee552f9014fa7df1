package io.junction.dsl

import io.junction.core.check.ConfigException
import io.junction.core.check.ConfigValidator
import io.junction.core.model.Action
import io.junction.core.model.BackendAddress
import io.junction.core.model.BackendSpec
import io.junction.core.model.Config
import io.junction.core.model.HttpListenerSpec
import io.junction.core.model.Matcher
import io.junction.core.model.PoolSpec
import io.junction.core.model.RoutePolicy
import io.junction.core.model.RouteSpec
import io.junction.core.model.SourceLocation
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

import static io.junction.dsl.Scripts.compile

class RoutingScriptsSpec extends Specification {

    @TempDir
    Path confDir

    def "a complete script compiles to exactly the model it describes"() {
        given:
        def script = '''\
pool('web') {
    balance 'weighted-round-robin', slowStart: '30s', retries: 2
    backend 'http://127.0.0.1:9001', weight: 5
    backend 'http://127.0.0.1:9002'
    timeouts connect: '1s', response: '15s'
}
http('public', port: 8080, bind: '127.0.0.1') {
    route(host: 'shop.example.com', path: '/api/**') { forward 'web' }
    route(path: '/status') { respond 200, 'ok' }
    otherwise { forward 'web' }
}
'''

        expect:
        compile('20-http.groovy': script) == new Config(
                [HttpListenerSpec.builder('public', 8080).bindAddress('127.0.0.1').routes([
                        new RouteSpec([new Matcher.Host('shop.example.com'), new Matcher.PathPrefix('/api/**')], [],
                                new Action.Forward('web', at(8, 56)), RoutePolicy.DEFAULTS, at(8, 5)),
                        new RouteSpec([new Matcher.PathPrefix('/status')], [],
                                new Action.Respond(200, 'ok', at(9, 30)), RoutePolicy.DEFAULTS, at(9, 5))])
                        .otherwise(RouteSpec.catchAll(new Action.Forward('web', at(10, 17)), at(10, 5))).location(at(7, 1)).build()],
                [web: PoolSpec.builder('web').strategy('weighted-round-robin', [slowStart: '30s', retries: '2']).backends([
                        new BackendSpec(new BackendAddress(BackendAddress.Scheme.HTTP, '127.0.0.1', 9001), 5, at(3, 5)),
                        new BackendSpec(new BackendAddress(BackendAddress.Scheme.HTTP, '127.0.0.1', 9002), 1, at(4, 5))])
                        .timeouts(new PoolSpec.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(15))).location(at(1, 1)).build()])
    }

    def "omitted settings take their defaults"() {
        when:
        def config = compile('20-http.groovy': '''\
pool('web') { backend 'http://127.0.0.1:9001/' }
http('public', port: 0) { route { forward 'web' } }
''')
        def pool = config.pools().web
        def listener = config.listener('public')

        then:
        pool.strategy() == PoolSpec.DEFAULT_STRATEGY
        pool.strategyOptions() == [:]
        pool.backends()*.weight() == [1]
        pool.timeouts() == PoolSpec.Timeouts.DEFAULTS
        listener.bindAddress() == HttpListenerSpec.DEFAULT_BIND_ADDRESS
        listener.port() == 0
        listener.routes()*.matchers() == [[]]
        listener.routes()*.filters() == [[]]
        listener.routes()*.policy() == [RoutePolicy.DEFAULTS]
        listener.otherwise() == HttpListenerSpec.NO_ROUTE
    }

    def "timeouts #written -> connect #connect"() {
        expect:
        compile('10-pools.groovy': "pool('web') { backend 'http://127.0.0.1:9001'; timeouts $written }")
                .pools().web.timeouts() == new PoolSpec.Timeouts(connect, response)

        where:
        written                         || connect               | response
        "connect: '250ms'"              || Duration.ofMillis(250) | null
        "response: '2m'"                || null                  | Duration.ofMinutes(2)
        "connect: '1s', response: '1h'" || Duration.ofSeconds(1) | Duration.ofHours(1)
    }

    def "files share one builder: a pool declared in one file is used from the next"() {
        when:
        def config = compile(
                '10-pools.groovy': "pool('web') {\n    backend 'http://127.0.0.1:9001'\n}",
                '20-http.groovy': "http('public', port: 8080) {\n    otherwise { forward 'web' }\n}")

        then:
        config.pools().web.location() == new SourceLocation('10-pools.groovy', 1, 1)
        config.listener('public').location() == new SourceLocation('20-http.groovy', 1, 1)
        config.listener('public').otherwise().action() == new Action.Forward('web', new SourceLocation('20-http.groovy', 2, 17))
        new ConfigValidator([PoolSpec.DEFAULT_STRATEGY] as Set).problems(config).empty
    }

    def "a forward to an unknown pool is left to the validator, which points at the forward"() {
        when:
        def config = compile('20-http.groovy': "http('public', port: 8080) {\n    route(path: '/') { forward 'missing' }\n}")
        def problems = new ConfigValidator([PoolSpec.DEFAULT_STRATEGY] as Set).problems(config)

        then:
        problems*.location() == [new SourceLocation('20-http.groovy', 2, 24)]
        problems*.message() == ["forward to pool 'missing', which is not defined; defined pools: (none)"]
    }

    def "compile(confDir) reads every *.groovy of a folder in lexical file-name order"() {
        given:
        write '20-b.groovy', "pool('b') { backend 'http://127.0.0.1:9002' }"
        write '3-c.groovy', "pool('c') { backend 'http://127.0.0.1:9003' }"
        write '10-a.groovy', "pool('a') { backend 'http://127.0.0.1:9001' }"
        write 'README.md', "not a script"
        Files.createDirectory(confDir.resolve('old.groovy'))

        when:
        def config = RoutingScripts.compile(confDir)

        then: 'lexical order: 10-a, 20-b, 3-c; locations name the file, not its path'
        config.pools().keySet() as List == ['a', 'b', 'c']
        config.pools().values()*.location()*.file() == ['10-a.groovy', '20-b.groovy', '3-c.groovy']
    }

    def "compile(confDir) reports problems with the bare file name"() {
        given:
        write '10-pools.groovy', "pool('web') {\n    backend 'ftp://127.0.0.1:9001'\n}"

        when:
        RoutingScripts.compile(confDir)

        then:
        def e = thrown(ConfigException)
        e.problems()*.toString() == ["10-pools.groovy:2:5: backend 'ftp://127.0.0.1:9001' is not http://host:port, https://host:port or tcp://host:port: the scheme must be http, https or tcp"]
    }

    def "scripts may compute their model with ordinary Groovy"() {
        when:
        def config = compile('10-pools.groovy': '''\
def ports = 9001..9003
pool('web') {
    ports.each { port -> backend "http://127.0.0.1:$port" }
}
''')

        then:
        config.pools().web.backends()*.uri()*.port == [9001, 9002, 9003]
        config.pools().web.backends()*.location().every { it == new SourceLocation('10-pools.groovy', 3, 26) }
    }

    private static SourceLocation at(int line, int column) {
        new SourceLocation('20-http.groovy', line, column)
    }

    private void write(String name, String text) {
        Files.writeString(confDir.resolve(name), text)
    }
}
