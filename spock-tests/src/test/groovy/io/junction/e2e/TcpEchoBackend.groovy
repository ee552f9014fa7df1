package io.junction.e2e

import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong

/**
 * A real TCP backend on a loopback ephemeral port, one thread per connection: it echoes every byte, and when the
 * client ends its output it writes {@code farewell} (if any) and then ends its own. Counts connections, bytes and
 * the connections that ended with a reset instead of a FIN.
 */
class TcpEchoBackend implements Closeable {

    final ServerSocket server = new ServerSocket(0, 2048, InetAddress.getLoopbackAddress())
    final String farewell
    final AtomicInteger connections = new AtomicInteger()
    final AtomicInteger open = new AtomicInteger()
    final AtomicInteger resets = new AtomicInteger()
    final AtomicLong received = new AtomicLong()
    private final List<Socket> sockets = new CopyOnWriteArrayList<>()

    TcpEchoBackend(String farewell = '') {
        this.farewell = farewell
        Thread.startDaemon('tcp-echo-accept') {
            while (!server.closed) {
                Socket socket
                try {
                    socket = server.accept()
                } catch (IOException ignored) {
                    return
                }
                connections.incrementAndGet()
                open.incrementAndGet()
                sockets << socket
                new Thread(null, { serve(socket) }, 'tcp-echo', 256 * 1024).with { daemon = true; start() }
            }
        }
    }

    int getPort() { server.localPort }

    String getUrl() { "tcp://127.0.0.1:$port" }

    private void serve(Socket socket) {
        try {
            byte[] buffer = new byte[16 * 1024]
            def input = socket.inputStream
            def output = socket.outputStream
            for (int n = input.read(buffer); n >= 0; n = input.read(buffer)) {
                received.addAndGet(n)
                output.write(buffer, 0, n)
            }
            output.write(farewell.bytes)
            socket.shutdownOutput()
        } catch (SocketException e) {
            if (e.message?.contains('reset')) {
                resets.incrementAndGet()
            }
        } finally {
            open.decrementAndGet()
            socket.close()
        }
    }

    @Override
    void close() {
        server.close()
        sockets.each { it.close() }
    }
}
