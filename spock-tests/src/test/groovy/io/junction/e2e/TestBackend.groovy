package io.junction.e2e

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer

import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import java.util.zip.CRC32

/**
 * A real HTTP backend on a loopback ephemeral port (the JDK's HttpServer). Routes:
 * /echo      -> text lines: method, path, query, every request header, body length and CRC32; header X-Echo: yes
 * /bytes?n=N -> N bytes of a fixed pattern, streamed
 * /hang      -> never answers until the backend is closed
 * /gate      -> answers the backend's name once {@link #openGate()} is called
 * /login     -> the backend's name, setting cookie JSESSIONID to a new value of its own (an application session)
 * anything else -> the backend's name
 */
class TestBackend implements Closeable {

    final String name
    final HttpServer server
    final AtomicInteger requests = new AtomicInteger()
    private final CountDownLatch closing = new CountDownLatch(1)
    private final CountDownLatch gate = new CountDownLatch(1)
    /** Requests waiting at /gate. */
    final AtomicInteger waiting = new AtomicInteger()

    /** @param port 0 for an ephemeral one; a given one brings a closed backend back on its address */
    TestBackend(String name, int port = 0) {
        this.name = name
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64)
        server.executor = Executors.newCachedThreadPool()
        server.createContext('/') { HttpExchange ex -> serve(ex) }
        server.start()
    }

    int getPort() { server.address.port }

    String getUrl() { "http://127.0.0.1:$port" }

    private void serve(HttpExchange ex) {
        requests.incrementAndGet()
        try {
            String path = ex.requestURI.path
            if (path == '/echo') {
                echo(ex)
            } else if (path == '/bytes') {
                bytes(ex, (ex.requestURI.query =~ /n=(\d+)/)[0][1] as long)
            } else if (path == '/gate') {
                waiting.incrementAndGet()
                gate.await()
                text(ex, 200, name)
            } else if (path == '/login') {
                ex.responseHeaders.add('Set-Cookie', "JSESSIONID=$name-${requests.get()}; Path=/; HttpOnly")
                text(ex, 200, name)
            } else if (path == '/hang') {
                closing.await()
                ex.sendResponseHeaders(500, -1)
            } else {
                text(ex, 200, name)
            }
        } finally {
            ex.close()
        }
    }

    private static void echo(HttpExchange ex) {
        def crc = new CRC32()
        long length = 0
        byte[] buffer = new byte[65536]
        int n
        while ((n = ex.requestBody.read(buffer)) > 0) {
            crc.update(buffer, 0, n)
            length += n
        }
        def lines = ["method: ${ex.requestMethod}", "path: ${ex.requestURI.rawPath}", "query: ${ex.requestURI.rawQuery}"]
        ex.requestHeaders.each { k, vs -> vs.each { lines << "header ${k.toLowerCase()}: $it" } }
        lines << "body-length: $length" << "body-crc: ${crc.value}"
        ex.responseHeaders.add('X-Echo', 'yes')
        ex.responseHeaders.add('Keep-Alive', 'timeout=5')
        ex.responseHeaders.add('Proxy-Connection', 'keep-alive')
        ex.responseHeaders.add('X-Backend-Private', 'hop')
        ex.responseHeaders.add('Connection', 'X-Backend-Private')
        text(ex, 200, lines.join('\n'))
    }

    /** Streams {@code count} bytes chunked: nothing is held in memory. */
    private static void bytes(HttpExchange ex, long count) {
        ex.sendResponseHeaders(200, 0)
        byte[] block = TestData.block()
        def out = ex.responseBody
        long left = count
        while (left > 0) {
            int n = (int) Math.min(block.length, left)
            out.write(block, 0, n)
            left -= n
        }
        out.close()
    }

    private static void text(HttpExchange ex, int status, String body) {
        byte[] bytes = body.getBytes('UTF-8')
        ex.sendResponseHeaders(status, bytes.length)
        ex.responseBody.write(bytes)
    }

    void openGate() {
        gate.countDown()
    }

    @Override
    void close() {
        closing.countDown()
        server.stop(0)
        server.executor.shutdownNow()
    }
}
