package io.junction.server.tcp

import spock.lang.Specification

import javax.net.ssl.SNIHostName
import javax.net.ssl.SSLContext
import java.nio.ByteBuffer

/** The server name is read from real ClientHellos (the JDK's TLS client), whole or in any split, never changing them. */
class ClientHelloSpec extends Specification {

    def "a ClientHello for #name reads as #expected"() {
        given:
        byte[] hello = clientHello(name)

        expect:
        ClientHello.serverName(ByteBuffer.wrap(hello)) == expected

        where:
        name             || expected
        'db.example.com' || 'db.example.com'
        'Mixed.Case.org' || 'mixed.case.org'
        null             || ''
    }

    def "every prefix shorter than the record asks for more bytes, and the buffer is left as it was"() {
        given:
        byte[] hello = clientHello('db.example.com')
        def buffer = ByteBuffer.allocate(16 * 1024)

        expect:
        (0..<hello.length).every { int length ->
            buffer.clear().put(hello, 0, length).flip()
            ClientHello.serverName(buffer) == null && buffer.position() == 0 && buffer.limit() == length
        }
    }

    def "#what reads as no server name"() {
        expect:
        ClientHello.serverName(ByteBuffer.wrap(bytes as byte[])) == ''

        where:
        what                                           | bytes
        'plain text'                                   | 'GET / HTTP/1.1\r\n'.bytes
        'a handshake record larger than the buffer'    | [22, 3, 1, 0xff, 0xff, 1, 2, 3]
        'a handshake that is not a ClientHello'        | [22, 3, 1, 0, 4, 2, 0, 0, 0]
        'a ClientHello cut short inside its record'    | [22, 3, 1, 0, 6, 1, 0, 0, 2, 3, 3]
    }

    /** What a real TLS client sends first, asking for {@code name} (no server name when null). */
    static byte[] clientHello(String name) {
        def engine = SSLContext.getInstance('TLS').tap { init(null, null, null) }.createSSLEngine()
        engine.useClientMode = true
        def parameters = engine.SSLParameters
        parameters.serverNames = name ? [new SNIHostName(name)] : []
        engine.SSLParameters = parameters
        def out = ByteBuffer.allocate(engine.session.packetBufferSize)
        engine.beginHandshake()
        engine.wrap(ByteBuffer.allocate(0), out)
        out.flip()
        byte[] bytes = new byte[out.remaining()]
        out.get(bytes)
        bytes
    }
}
