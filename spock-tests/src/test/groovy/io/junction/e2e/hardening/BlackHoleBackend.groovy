package io.junction.e2e.hardening

/**
 * A loopback address where a connect never completes, found to work in a sandbox without firewall rules: a
 * listening socket with a backlog of one whose accept queue is filled and never accepted from, so the kernel drops
 * further SYNs (no RST) and a connect waits until the connecting side gives up.
 */
class BlackHoleBackend implements Closeable {

    private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
    private final List<Socket> fillers = []

    BlackHoleBackend() {
        3.times {
            def filler = new Socket()
            fillers << filler
            try {
                filler.connect(server.localSocketAddress, 200)
            } catch (IOException ignored) {
                // the queue was full already: that is what this is for
            }
        }
    }

    String getUrl() { "http://127.0.0.1:$server.localPort" }

    @Override
    void close() {
        fillers*.close()
        server.close()
    }
}
