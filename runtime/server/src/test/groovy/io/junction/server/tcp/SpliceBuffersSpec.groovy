package io.junction.server.tcp

import spock.lang.AutoCleanup
import spock.lang.Specification

import java.nio.ByteBuffer

/** What a splice keeps of a read the receiving side did not take whole: the same bytes, in as little memory as fits. */
class SpliceBuffersSpec extends Specification {

    @AutoCleanup SpliceBuffers buffers = new SpliceBuffers()

    def "a rest of #rest bytes is kept in a #kept KiB buffer, and the thread reads into its #next buffer next"() {
        given: 'a read of 64 KiB of which the receiving side took all but the last #rest bytes'
        def read = buffers.readBuffer()
        def bytes = (0..<read.capacity()).collect { it as byte } as byte[]
        read.put(bytes).flip().position(read.capacity() - rest)

        when:
        def held = buffers.keep(read)
        def nextRead = buffers.readBuffer()

        then:
        held.buffer.remaining() == rest
        taken(held.buffer) == bytes[-rest..-1]
        held.buffer.capacity() == kept * 1024
        nextRead.is(read) == (next == 'same')
        nextRead.capacity() == 64 * 1024

        cleanup:
        held?.close()

        where:
        rest      || kept | next
        1         || 16   | 'same'
        16 * 1024 || 16   | 'same'
        16 * 1025 || 64   | 'fresh'
        64 * 1024 || 64   | 'fresh'
    }

    def "a read buffer is empty however the last read left it"() {
        given:
        buffers.readBuffer().put(new byte[100]).flip()

        expect:
        buffers.readBuffer().position() == 0
        buffers.readBuffer().remaining() == 64 * 1024
    }

    private static List<Byte> taken(ByteBuffer buffer) {
        def copy = new byte[buffer.remaining()]
        buffer.duplicate().get(copy)
        copy as List
    }
}
