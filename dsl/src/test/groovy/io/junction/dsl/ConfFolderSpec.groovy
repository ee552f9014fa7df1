package io.junction.dsl

import io.junction.core.check.ConfigException
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** compile(confDir) on a folder it cannot use: one problem naming the folder as given, without a line. */
class ConfFolderSpec extends Specification {

    @TempDir Path dir

    def "a folder that #situation is reported as '#folder: #message'"() {
        given:
        Files.createDirectories(dir.resolve('empty'))
        Files.writeString(Files.createDirectories(dir.resolve('notes')).resolve('README.md'), 'not a script')
        Files.writeString(dir.resolve('a-file'), '')
        def given = dir.resolve(folder)

        when:
        RoutingScripts.compile(given)

        then:
        def e = thrown(ConfigException)
        e.problems()*.toString() == ["$given: $message" as String]

        where:
        situation               | folder      || message
        'does not exist'        | 'missing'   || 'does not exist'
        'is a file'             | 'a-file'    || 'is not a folder'
        'is empty'              | 'empty'     || 'has no *.groovy files'
        'holds no script'       | 'notes'     || 'has no *.groovy files'
    }

    def "a relative folder is named as given, not made absolute"() {
        when:
        RoutingScripts.compile(Path.of('no-such-conf.d'))

        then:
        def e = thrown(ConfigException)
        e.problems()*.toString() == ['no-such-conf.d: does not exist']
    }
}
