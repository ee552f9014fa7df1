package io.junction.e2e

import java.util.concurrent.CountDownLatch

/**
 * A backend that reads a request head, then drops the connection; counts its connections and the heads it read.
 * A held one drops them only once {@link #release} is called.
 */
class BreakingBackend extends SocketBackend {

    private final CountDownLatch gate

    BreakingBackend(boolean held = false) {
        gate = new CountDownLatch(held ? 1 : 0)
        start()
    }

    void release() {
        gate.countDown()
    }

    @Override
    protected void serve(Socket socket) {
        socket.withCloseable {
            def reader = new BufferedReader(new InputStreamReader(socket.inputStream))
            while (reader.readLine()) { }
            requests.incrementAndGet()
            gate.await()
        }
    }

    @Override
    void close() {
        release()
        super.close()
    }
}
