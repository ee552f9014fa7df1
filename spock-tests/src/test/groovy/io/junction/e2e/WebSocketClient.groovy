package io.junction.e2e

import java.net.http.HttpClient
import java.net.http.WebSocket
import java.nio.ByteBuffer
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/**
 * The JDK's WebSocket client ({@code java.net.http.WebSocket}) with its messages put together whole:
 * texts as Strings, binaries as byte arrays, both in {@link #received}; how it ended in {@link #closed}
 * (the close code the other side sent) or {@link #broken} (an error, the connection lost without a close).
 */
class WebSocketClient implements Closeable {

    final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>()
    final CompletableFuture<Integer> closed = new CompletableFuture<>()
    final CompletableFuture<Throwable> broken = new CompletableFuture<>()
    final WebSocket socket
    private final StringBuilder text = new StringBuilder()
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream()

    WebSocketClient(URI uri, HttpClient http = HttpClient.newHttpClient()) {
        socket = http.newWebSocketBuilder().buildAsync(uri, new Collector()).get(10, TimeUnit.SECONDS)
    }

    void send(String message) {
        socket.sendText(message, true).get(30, TimeUnit.SECONDS)
    }

    void send(byte[] message) {
        socket.sendBinary(ByteBuffer.wrap(message), true).get(30, TimeUnit.SECONDS)
    }

    /** The next whole message, or null after 30 s. */
    Object next() {
        received.poll(30, TimeUnit.SECONDS)
    }

    /** Whether the connection ended one way or the other. */
    boolean isEnded() {
        closed.done || broken.done
    }

    @Override
    void close() {
        socket.abort()
    }

    private class Collector implements WebSocket.Listener {
        @Override
        CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data)
            if (last) {
                received << text.toString()
                text.length = 0
            }
            webSocket.request(1)
            null
        }

        @Override
        CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] part = new byte[data.remaining()]
            data.get(part)
            binary.write(part)
            if (last) {
                received << binary.toByteArray()
                binary.reset()
            }
            webSocket.request(1)
            null
        }

        @Override
        CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode)
            // answer the close as a browser does (the JDK leaves that to the application)
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, '')
        }

        @Override
        void onError(WebSocket webSocket, Throwable error) {
            broken.complete(error)
        }
    }
}
