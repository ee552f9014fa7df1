package io.junction.e2e.tls

import io.junction.e2e.Junction
import io.junction.e2e.RawBackend
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import javax.net.ssl.SSLContext
import javax.net.ssl.SSLSocket
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

/**
 * How an https listener writes a keep-alive response: head and body in ONE TLS record. Two records per response (the
 * head flushed apart from the body) is the write pattern that meets Nagle and delayed ACK, and it costs a record's
 * encryption and a syscall each time; counted on the raw bytes under a real TLS client, no timing involved.
 */
class HttpsRecordsSpec extends Specification {

    @Shared @TempDir Path keys
    @Shared SSLContext client
    @Shared TestCertificates certificates

    @TempDir Path dir
    @AutoCleanup RawBackend backend
    @AutoCleanup Junction junction

    def setupSpec() {
        certificates = new TestCertificates(keys)
        certificates.server('site', ['site.example', 'IP:127.0.0.1'])
        client = certificates.clientContext()
    }

    def "each of #requests keep-alive responses with a #size byte body comes in #recordsEach TLS record"() {
        given: 'a backend that answers in one write, behind an https listener'
        def body = 'b' * size
        backend = new RawBackend("HTTP/1.1 200 OK\r\nContent-Length: $size\r\n\r\n$body")
        def confDir = Files.createDirectories(dir.resolve('conf.d'))
        certificates.copyTo(confDir, 'site')
        junction = new Junction(dir, ['tls.groovy': """pool('web') { backend '$backend.url' }
https('public', port: 0, bind: '127.0.0.1') {
    certificate cert: 'site.pem', key: 'site.key'
    otherwise { forward 'web' }
}
"""])
        def counter = new TlsRecordCounter[1]
        def socket = (SSLSocket) client.socketFactory.createSocket(
                TlsRecordCounter.socket(junction.server.port('public'), counter), '127.0.0.1', junction.server.port('public'), true)
        socket.startHandshake()
        exchange(socket)   // the first also carries what follows the handshake (TLS 1.3 session tickets)

        when:
        def recordsPerResponse = (2..requests).collect {
            int before = counter[0].records
            assert exchange(socket) == body
            counter[0].records - before
        }

        then:
        recordsPerResponse == [recordsEach] * (requests - 1)

        cleanup:
        socket?.close()

        where:
        size | requests || recordsEach
        8    | 20       || 1
        8000 | 20       || 1
    }

    /** One GET over the connection; the response body, read to its Content-Length. */
    private static String exchange(SSLSocket socket) {
        socket.outputStream.write('GET / HTTP/1.1\r\nHost: site\r\n\r\n'.getBytes(StandardCharsets.ISO_8859_1))
        socket.outputStream.flush()
        def input = socket.inputStream
        int length = 0
        for (String line; (line = readLine(input)); ) {
            if (line.toLowerCase().startsWith('content-length:')) {
                length = line.substring('content-length:'.length()).trim() as int
            }
        }
        new String(input.readNBytes(length), StandardCharsets.ISO_8859_1)
    }

    private static String readLine(InputStream input) {
        def line = new ByteArrayOutputStream()
        for (int b; (b = input.read()) != '\n' as char; ) {
            if (b < 0) throw new EOFException('connection closed in a response head')
            if (b != '\r' as char) line.write(b)
        }
        line.toString(StandardCharsets.ISO_8859_1)
    }
}
