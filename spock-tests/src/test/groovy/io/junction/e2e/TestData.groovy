package io.junction.e2e

import groovy.transform.CompileStatic

import java.util.zip.CRC32

/** A fixed 64 KiB block repeated to make large bodies whose checksum both ends can compute. */
@CompileStatic
class TestData {

    private static final byte[] BLOCK = (0..<65536).collect { (byte) (it * 31 + 7) } as byte[]

    static byte[] block() { BLOCK }

    /** CRC32 of {@code count} bytes of the repeated block. */
    static long crcOf(long count) {
        def crc = new CRC32()
        long left = count
        while (left > 0) {
            int n = (int) Math.min(BLOCK.length, left)
            crc.update(BLOCK, 0, n)
            left -= n
        }
        crc.value
    }

    /** An InputStream of {@code count} bytes of the repeated block, generated as it is read. */
    static InputStream stream(long count) {
        new InputStream() {
            long position = 0

            @Override
            int read() {
                if (position >= count) return -1
                BLOCK[(int) (position++ % BLOCK.length)] & 0xff
            }

            @Override
            int read(byte[] b, int off, int len) {
                if (position >= count) return -1
                int offset = (int) (position % BLOCK.length)
                int n = (int) Math.min(Math.min(len, count - position), BLOCK.length - offset)
                System.arraycopy(BLOCK, offset, b, off, n)
                position += n
                n
            }
        }
    }
}
