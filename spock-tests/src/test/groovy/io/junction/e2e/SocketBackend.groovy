package io.junction.e2e

import java.util.concurrent.atomic.AtomicInteger

/** A backend on a plain loopback server socket: one thread per accepted connection, which it counts. */
abstract class SocketBackend implements Closeable {

    final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    final AtomicInteger requests = new AtomicInteger()
    final AtomicInteger connections = new AtomicInteger()

    /** Starts accepting; call at the end of a subclass constructor, once its fields are set. */
    protected void start() {
        Thread.start {
            while (!server.closed) {
                try {
                    def socket = server.accept()
                    connections.incrementAndGet()
                    Thread.start { serve(socket) }
                } catch (IOException ignored) { }
            }
        }
    }

    String getUrl() { "http://127.0.0.1:$server.localPort" }

    protected abstract void serve(Socket socket)

    @Override
    void close() {
        server.close()
    }
}
