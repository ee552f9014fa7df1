package io.junction.e2e

/** A backend that reads a request head, then drops the connection; counts its connections. */
class BreakingBackend extends SocketBackend {

    BreakingBackend() {
        start()
    }

    @Override
    protected void serve(Socket socket) {
        socket.withCloseable {
            def reader = new BufferedReader(new InputStreamReader(socket.inputStream))
            while (reader.readLine()) { }
        }
    }
}
