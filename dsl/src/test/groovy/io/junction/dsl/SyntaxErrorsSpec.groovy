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
        'unclosed parenthesis'    | "pool('web' {\n    backend 'http://127.0.0.1:9001'\n}\n"   || 1    | 5      | "syntax error: '(' opened here is never closed"
        'trailing comma'          | "pool('web') {\n    backend 'http://127.0.0.1:9001',\n}\n" || 3    | 1      | "syntax error: unexpected '}'"
        'unclosed string'         | "pool('web') {\n    backend 'http://127.0.0.1:9001\n}\n"   || 2    | 13     | "syntax error: Unexpected character: '\\''"
        'broken expression'       | "pool('web') {\n    backend = = 1\n}\n"                    || 2    | 15     | "syntax error: unexpected 'backend = ='"
        'unclosed block'          | "pool('web') {\n    backend 'http://127.0.0.1:9001'\n"     || 1    | 13     | "syntax error: '{' opened here is never closed: the script ends before its '}'"
        'variable declared twice' | "def port = 9001\ndef port = 9002\n"                       || 2    | 5      | "syntax error: The current scope already contains a variable of the name port"
    }

    def "a #bracket left open in the middle of a file is reported at line #line, column #column, where it was opened"() {
        expect:
        problemsOf('20-http.groovy': script)*.toString() == ["20-http.groovy:$line:$column: syntax error: $message".toString()]

        where:
        bracket | script                                                                                                                                                 || line | column | message
        '('     | "pool('web') {\n    backend 'http://127.0.0.1:9001'\n    timeouts(connect: '1s'\n}\nhttp('public', port: 8080) {\n    otherwise { forward 'web' }\n}\n"      || 3    | 13     | "'(' opened here is never closed"
        '['     | "pool('web') {\n    backend 'http://127.0.0.1:9001'\n}\nhttp('public', port: 8080) {\n    route(methods: ['GET', 'POST') { forward 'web' }\n}\n"           || 5    | 20     | "'[' opened here is never closed"
        '{'     | "http('public', port: 8080) {\n    route(path: '/a') {\n        forward 'web'\n\n    route(path: '/b') { forward 'web' }\n}\npool('web') {\n    backend 'http://127.0.0.1:9001'\n}\n" || 2 | 23 | "'{' opened here is never closed"
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

        then: 'Groovy stops at the block around the open parenthesis of line 8; the error points at the parenthesis'
        problems*.toString() == [
                "20-http.groovy:2:15: syntax error: unexpected 'backend = ='",
                "20-http.groovy:5:47: syntax error: unexpected 'backend 'http://127.0.0.1:9002', weight: 2)'",
                "20-http.groovy:8:10: syntax error: '(' opened here is never closed"]
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

        then: 'Groovy stops at the pool after the open list, which is where the error points; parsing resumes there'
        problems*.toString() == [
                "10-pools.groovy:1:13: syntax error: '[' opened here is never closed",
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
                "30-admin.groovy:1:5: syntax error: '(' opened here is never closed"]
    }

    def "a file that does not compile is not run"() {
        expect: 'the first line would fail if it ran; only the syntax error is reported'
        problemsOf('10-pools.groovy': "frobnicate 'x'\npool('web' {\n}\n")*.toString() ==
                ["10-pools.groovy:2:5: syntax error: '(' opened here is never closed"]
    }
}
