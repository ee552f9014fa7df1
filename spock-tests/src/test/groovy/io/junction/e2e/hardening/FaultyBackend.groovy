package io.junction.e2e.hardening

import io.junction.e2e.SocketBackend

/**
 * A backend that reads a request head and then misbehaves as its {@code fault} says, with the socket in hand.
 * Counts connections and the heads it read. Faults that hold the connection end when the backend is closed.
 */
class FaultyBackend extends SocketBackend {

    private final Closure fault

    FaultyBackend(Closure fault) {
        this.fault = fault
        start()
    }

    @Override
    protected void serve(Socket socket) {
        socket.withCloseable {
            socket.tcpNoDelay = true
            def input = new BufferedReader(new InputStreamReader(socket.inputStream, 'ISO-8859-1'))
            while (input.readLine()) { }
            requests.incrementAndGet()
            fault(socket)
        }
    }

    /** Accepts, reads the request and never answers until the backend closes. */
    static FaultyBackend silent() {
        new FaultyBackend({ Socket s -> s.inputStream.read() })
    }

    /** Writes {@code bytes}, then resets the connection (RST, SO_LINGER 0). */
    static FaultyBackend resetsAfter(String bytes) {
        new FaultyBackend({ Socket s ->
            send(s, bytes)
            s.setSoLinger(true, 0)
        })
    }

    /** Writes {@code bytes}, then closes the connection normally (FIN). */
    static FaultyBackend closesAfter(String bytes) {
        new FaultyBackend({ Socket s -> send(s, bytes) })
    }

    /** A response head for {@code body}, then the body one byte every {@code gapMillis}. */
    static FaultyBackend trickles(String body, long gapMillis) {
        new FaultyBackend({ Socket s ->
            send(s, "HTTP/1.1 200 OK\r\nContent-Length: ${body.length()}\r\n\r\n")
            body.each { c ->
                Thread.sleep(gapMillis)  // the fault under test is the gap itself, not synchronisation
                send(s, c)
            }
            s.inputStream.read()
        })
    }

    private static void send(Socket s, String bytes) {
        s.outputStream.write(bytes.getBytes('ISO-8859-1'))
        s.outputStream.flush()
    }
}
