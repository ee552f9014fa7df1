package io.junction.e2e.tls

/**
 * The raw bytes under a client's TLS socket, counting the application-data records (type 23, which in TLS 1.3 is every
 * encrypted record) that the server sent: layer an SSLSocket over {@link #socket} and read {@link #records}.
 */
class TlsRecordCounter extends FilterInputStream {

    private static final int HEADER = 5
    private static final int APPLICATION_DATA = 23

    private final int[] header = new int[HEADER]
    private int headerRead
    private int bodyLeft
    volatile int records

    private TlsRecordCounter(InputStream raw) {
        super(raw)
    }

    /** A plain socket to {@code port} whose input the SSLSocket layered over it reads through {@code counter}. */
    static Socket socket(int port, TlsRecordCounter[] counter) {
        Socket socket = new Socket(InetAddress.loopbackAddress, port) {
            private TlsRecordCounter counted

            @Override
            synchronized InputStream getInputStream() {
                counted = counted ?: new TlsRecordCounter(super.getInputStream())
                counter[0] = counted
                counted
            }
        }
        socket.tcpNoDelay = true
        socket
    }

    @Override
    int read() {
        int b = super.read()
        if (b >= 0) {
            count(b)
        }
        b
    }

    @Override
    int read(byte[] buffer, int offset, int length) {
        int n = super.read(buffer, offset, length)
        for (int i = 0; i < n; i++) {
            count(buffer[offset + i] & 0xff)
        }
        n
    }

    private void count(int b) {
        if (bodyLeft > 0) {
            bodyLeft--
            return
        }
        header[headerRead++] = b
        if (headerRead == HEADER) {
            headerRead = 0
            bodyLeft = (header[3] << 8) | header[4]
            if (header[0] == APPLICATION_DATA) {
                records++
            }
        }
    }
}
