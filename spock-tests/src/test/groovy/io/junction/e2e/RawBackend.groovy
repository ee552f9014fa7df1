package io.junction.e2e

/**
 * A backend on a plain server socket that answers every request head (its Content-Length body read and dropped) with the same canned bytes,
 * exactly as given (malformed ones included), optionally one byte per TCP segment. Keeps each
 * connection for the next request unless told to close; counts connections and requests.
 */
class RawBackend extends SocketBackend {

    private final byte[] answer
    private final boolean bytewise
    private final boolean closeAfter

    RawBackend(String answer, boolean bytewise = false, boolean closeAfter = false) {
        this.answer = answer.getBytes('ISO-8859-1')
        this.bytewise = bytewise
        this.closeAfter = closeAfter
        start()
    }

    @Override
    protected void serve(Socket socket) {
        socket.withCloseable {
            socket.tcpNoDelay = true
            def input = new BufferedReader(new InputStreamReader(socket.inputStream, 'ISO-8859-1'))
            while (input.readLine() != null) {
                long body = 0
                for (String line; (line = input.readLine()); ) {   // the rest of the head
                    if (line.toLowerCase().startsWith('content-length:')) {
                        body = line.substring('content-length:'.length()).trim() as long
                    }
                }
                input.skip(body)
                requests.incrementAndGet()
                if (bytewise) {
                    answer.each { b -> socket.outputStream.write(b as int); socket.outputStream.flush() }
                } else {
                    socket.outputStream.write(answer)
                    socket.outputStream.flush()
                }
                if (closeAfter) return
            }
        }
    }
}
