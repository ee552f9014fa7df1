package io.junction.e2e

import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path
import java.util.zip.CRC32

/**
 * 100 MB each way through Junction. Runs in its own test JVM with a 64 MB heap (see the pom), which
 * holds Junction, the backend and the client together: a body held in memory anywhere on the way
 * could not fit, so passing means every hop streams.
 */
class StreamingSpec extends Specification {

    static final long SIZE = 100L * 1024 * 1024

    @Shared @TempDir Path dir
    @Shared @AutoCleanup('close') TestBackend backend = new TestBackend('stream')
    @Shared @AutoCleanup('close') Junction junction

    def setupSpec() {
        junction = new Junction(dir, ['web.groovy': Junction.onePool("backend '$backend.url'")])
    }

    def "the test JVM's heap is too small to hold one body"() {
        expect:
        Runtime.runtime.maxMemory() < SIZE
    }

    def "a 100 MB download streams through intact"() {
        when:
        def connection = (HttpURLConnection) junction.uri('public', "/bytes?n=$SIZE").toURL().openConnection()
        def crc = new CRC32()
        long received = 0
        connection.inputStream.withCloseable { input ->
            byte[] buffer = new byte[65536]
            int n
            while ((n = input.read(buffer)) > 0) {
                crc.update(buffer, 0, n)
                received += n
            }
        }

        then:
        connection.responseCode == 200
        received == SIZE
        crc.value == TestData.crcOf(SIZE)
    }

    def "a 100 MB upload streams through intact"() {
        when:
        def connection = (HttpURLConnection) junction.uri('public', '/echo').toURL().openConnection()
        connection.requestMethod = 'POST'
        connection.doOutput = true
        connection.setFixedLengthStreamingMode(SIZE)
        connection.outputStream.withCloseable { out -> TestData.stream(SIZE).transferTo(out) }
        def echoed = connection.inputStream.text.readLines()

        then:
        connection.responseCode == 200
        echoed.contains("body-length: $SIZE".toString())
        echoed.contains("body-crc: ${TestData.crcOf(SIZE)}".toString())
    }
}
