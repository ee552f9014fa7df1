package io.junction.dsl

import io.junction.core.check.ConfigProblem
import io.junction.core.model.SourceLocation
import spock.lang.Specification

import static io.junction.dsl.Scripts.problemsOf

/** Scripts that do not compile: located where the Groovy compiler stops, and never run. */
class SyntaxErrorsSpec extends Specification {

    def "#mistake -> line #line, column #column: #message"() {
        expect:
        problemsOf('10-pools.groovy': script) == [new ConfigProblem(new SourceLocation('10-pools.groovy', line, column), message)]

        where:
        mistake                   | script                                                     || line | column | message
        'unclosed parenthesis'    | "pool('web' {\n    backend 'http://127.0.0.1:9001'\n}\n"   || 1    | 5      | "syntax error: unexpected '('"
        'trailing comma'          | "pool('web') {\n    backend 'http://127.0.0.1:9001',\n}\n" || 3    | 1      | "syntax error: unexpected '}'"
        'unclosed string'         | "pool('web') {\n    backend 'http://127.0.0.1:9001\n}\n"   || 2    | 13     | "syntax error: Unexpected character: '\\''"
        'broken expression'       | "pool('web') {\n    backend = = 1\n}\n"                    || 2    | 15     | "syntax error: unexpected 'backend = ='"
        'unclosed block'          | "pool('web') {\n    backend 'http://127.0.0.1:9001'\n"     || 1    | 13     | "syntax error: this '{' is never closed: the script ends before its '}'"
        'variable declared twice' | "def port = 9001\ndef port = 9002\n"                       || 2    | 5      | "syntax error: The current scope already contains a variable of the name port"
    }

    def "a file with several syntax errors reports all of them, in order"() {
        when:
        def problems = problemsOf('20-http.groovy': '''\
pool('web') {
    backend = = 1
}
pool('api') {
    backend 'http://127.0.0.1:9002', weight: 2)
}
http('public', port: 8080) {
    route(path: '/x' { forward 'web' }
}
''')

        then: 'the open parenthesis on line 8 makes Groovy stop at the block it is in'
        problems*.toString() == [
                "20-http.groovy:2:15: syntax error: unexpected 'backend = ='",
                "20-http.groovy:5:47: syntax error: unexpected 'backend 'http://127.0.0.1:9002', weight: 2)'",
                "20-http.groovy:7:28: syntax error: unexpected '{'"]
    }

    def "a statement left open is reported where the compiler stops, and the statements after it are still checked"() {
        when:
        def problems = problemsOf('10-pools.groovy': '''\
def ports = [9001, 9002
pool('web') {
    ports.each { backend "http://127.0.0.1:$it" }
}
pool('api') {
    backend 'http://127.0.0.1:9003' weight: 2,
}
''')

        then: 'Groovy stops at the pool after the open list; parsing resumes there'
        problems*.toString() == [
                "10-pools.groovy:2:1: syntax error: unexpected 'pool'",
                "10-pools.groovy:7:1: syntax error: unexpected '}'"]
    }

    def "errors from several files are all reported, in file order, syntax and runtime alike"() {
        when:
        def problems = problemsOf(
                '10-pools.groovy': "pool('web') {\n    backend 'http://127.0.0.1:9001',\n}\n",
                '20-http.groovy': "http('public', port: 8080) {\n    route(path: '/') { respond 42, 'x' }\n}\n",
                '30-admin.groovy': "http('admin', port: 8081 {\n}\n")

        then:
        problems*.toString() == [
                "10-pools.groovy:3:1: syntax error: unexpected '}'",
                "20-http.groovy:2:24: respond status 42 is not an HTTP status: use 100..599",
                "30-admin.groovy:1:5: syntax error: unexpected '('"]
    }

    def "a file that does not compile is not run"() {
        expect: 'the first line would fail if it ran; only the syntax error is reported'
        problemsOf('10-pools.groovy': "frobnicate 'x'\npool('web' {\n}\n")*.toString() ==
                ["10-pools.groovy:2:5: syntax error: unexpected '('"]
    }
}
