package io.junction.e2e

import io.undertow.Handlers
import io.undertow.Undertow
import io.undertow.websockets.core.AbstractReceiveListener
import io.undertow.websockets.core.BufferedBinaryMessage
import io.undertow.websockets.core.BufferedTextMessage
import io.undertow.websockets.core.CloseMessage
import io.undertow.websockets.core.WebSocketChannel
import io.undertow.websockets.core.WebSockets

import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.atomic.AtomicInteger

/**
 * A real WebSocket server on a loopback ephemeral port (Undertow's WebSocket support): every text and
 * binary message is echoed whole, prefixed for text with the backend's name; the text message {@code close}
 * makes the backend close with 1000 "bye". It notes each close frame it receives and each connection it loses.
 */
class WebSocketEchoBackend implements Closeable {

    final String name
    final Undertow server
    final AtomicInteger connections = new AtomicInteger()
    /** Close codes received from the client side, in order. */
    final LinkedBlockingQueue<Integer> closesReceived = new LinkedBlockingQueue<>()
    /** One entry per WebSocket connection that ended, however it ended. */
    final LinkedBlockingQueue<String> ended = new LinkedBlockingQueue<>()

    WebSocketEchoBackend(String name) {
        this.name = name
        server = Undertow.builder().addHttpListener(0, '127.0.0.1').setHandler(Handlers.websocket { exchange, channel ->
            connections.incrementAndGet()
            channel.addCloseTask { ended << 'closed' }
            channel.receiveSetter.set(new Echo())
            channel.resumeReceives()
        }).build()
        server.start()
    }

    int getPort() { (server.listenerInfo[0].address as InetSocketAddress).port }

    String getUrl() { "http://127.0.0.1:$port" }

    @Override
    void close() {
        server.stop()
    }

    private class Echo extends AbstractReceiveListener {
        @Override
        protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
            // read once: Undertow hands the buffered text out and forgets it
            String text = message.data
            if (text == 'close') {
                WebSockets.sendClose(1000, 'bye', channel, null)
            } else {
                WebSockets.sendText("$name:$text" as String, channel, null)
            }
        }

        @Override
        protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
            def data = message.data
            try {
                // copied out: the pooled buffers go back before the asynchronous send ends
                WebSockets.sendBinary(WebSockets.mergeBuffers(data.resource), channel, null)
            } finally {
                data.free()
            }
        }

        @Override
        protected void onCloseMessage(CloseMessage message, WebSocketChannel channel) {
            closesReceived << message.code
        }
    }
}
