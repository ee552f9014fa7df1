package io.junction.testkit

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** Users' specs compiled and run against a conf dir, as bin/junction test does; docs/testing-routes.md's example is one. */
class SpecRunnerSpec extends Specification {

    static final String DOCS = Files.readString(Path.of('..', 'docs', 'testing-routes.md'))

    @TempDir Path dir
    ByteArrayOutputStream output = new ByteArrayOutputStream()

    def setup() {
        Files.createDirectories(dir.resolve('conf.d'))
        Files.createDirectories(dir.resolve('specs'))
        Files.writeString(dir.resolve('conf.d/20-http.groovy'), block('A conf dir'))
    }

    int run() {
        new SpecRunner(new PrintStream(output, true, 'UTF-8')).run(dir.resolve('conf.d'), [dir.resolve('specs')])
    }

    String getPrinted() {
        output.toString('UTF-8')
    }

    static String block(String heading) {
        (DOCS =~ /(?s)## ${heading}\n\n```groovy\n(.*?)```/)[0][1]
    }

    def "the example spec of docs/testing-routes.md passes against its conf dir"() {
        given:
        Files.writeString(dir.resolve('specs/ShopRoutesSpec.groovy'), block('A spec'))

        expect:
        run() == SpecRunner.PASSED
        printed.contains('Tests run: 7, Failures: 0, Skipped: 0') // the unrolled feature counts once, its three iterations too
    }

    def "a failing spec gives exit 1 and names the feature"() {
        given:
        Files.writeString(dir.resolve('specs/WrongSpec.groovy'), '''
import io.junction.testkit.Routes
import spock.lang.Specification
import static io.junction.testkit.TestRequest.GET

class WrongSpec extends Specification {
    def "healthz goes to a pool"() {
        expect:
        Routes.load().resolve(GET('http://shop.example.com/healthz')).pool() == 'api'
    }
}
''')

        expect:
        run() == SpecRunner.FAILED
        printed.contains('FAILED healthz goes to a pool')
        printed.contains('Tests run: 1, Failures: 1, Skipped: 0')
    }

    def "a spec that does not compile gives exit 2 with file:line"() {
        given:
        Files.writeString(dir.resolve('specs/BrokenSpec.groovy'), 'class BrokenSpec extends spock.lang.Specification {\n    def "x"() {\n        expect: (\n    }\n}\n')

        expect:
        run() == SpecRunner.UNUSABLE
        printed.startsWith(dir.resolve('specs/BrokenSpec.groovy').toString() + ':4:')
    }

    def "the command takes --conf and spec folders: #args.size() arguments give exit #code"() {
        given:
        Files.writeString(dir.resolve('specs/ShopRoutesSpec.groovy'), block('A spec'))

        expect:
        TestCommand.run(args.collect { it.replace('DIR', dir.toString()) } as String[]) == code

        where:
        args                                        || code
        ['--conf', 'DIR/conf.d', 'DIR/specs']       || SpecRunner.PASSED
        ['--conf', 'DIR/conf.d', 'DIR/missing']     || SpecRunner.UNUSABLE
        ['--conf', 'DIR/conf.d']                    || SpecRunner.UNUSABLE
        ['--verbose', 'DIR/specs']                  || SpecRunner.UNUSABLE
    }
}
