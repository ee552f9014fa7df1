package io.junction.e2e

import io.junction.server.ConfigCheck
import io.junction.server.plugins.PluginFolders
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** The configurations the project ships (conf.d/ and every example) are valid with the built-in plugins. */
class ShippedConfigsSpec extends Specification {

    static final Path PROJECT = Path.of(System.getProperty('junction.test.project', '..')).toAbsolutePath().normalize()

    static List<Path> shipped() {
        [PROJECT.resolve('conf.d')] + Files.list(PROJECT.resolve('examples')).withCloseable { folders ->
            folders.filter { Files.isDirectory(it.resolve('conf.d')) }.map { it.resolve('conf.d') }.sorted().toList()
        }
    }

    def "#name is valid"() {
        when:
        def result = ConfigCheck.run(conf, new PluginFolders(Junction.PLUGINS, null))

        then:
        result.errors() == []
        result.warnings() == []
        result.summary().startsWith('1 listener(s)')

        where:
        conf << shipped()
        name = PROJECT.relativize(conf).toString()
    }

    def "the examples folder is not empty, so the feature above cannot pass vacuously"() {
        expect:
        shipped().size() >= 3
    }
}
