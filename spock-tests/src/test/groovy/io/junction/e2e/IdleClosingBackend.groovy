package io.junction.e2e

import java.util.concurrent.atomic.AtomicInteger

/**
 * A keep-alive HTTP/1.1 backend that closes a connection once it has been idle for
 * {@code idleMillis}, as Node.js (5 s) or nginx (keepalive_timeout) do. Counts connections,
 * requests and idle closes.
 */
class IdleClosingBackend extends SocketBackend {

    final AtomicInteger idleCloses = new AtomicInteger()
    private final int idleMillis

    IdleClosingBackend(int idleMillis) {
        this.idleMillis = idleMillis
        start()
    }

    @Override
    protected void serve(Socket socket) {
        socket.withCloseable {
            def input = new BufferedReader(new InputStreamReader(socket.inputStream, 'ISO-8859-1'))
            while (true) {
                socket.soTimeout = idleMillis
                String line
                try {
                    line = input.readLine()
                } catch (SocketTimeoutException idle) {
                    idleCloses.incrementAndGet()
                    return
                }
                if (line == null) return
                while (input.readLine()) { }   // rest of the head; the requests here have no body
                requests.incrementAndGet()
                socket.outputStream.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok'.getBytes('ISO-8859-1'))
                socket.outputStream.flush()
            }
        }
    }
}
