package io.junction.e2e

import java.nio.charset.StandardCharsets

/**
 * HTTP/1.1 over a plain socket, for requests an HTTP client library refuses to send (hop-by-hop
 * and forwarding headers, hand-made chunked bodies). Sends {@code Connection: close} semantics by
 * reading to the end of the stream.
 */
class RawHttp {

    static class Response {
        int status
        Map<String, List<String>> headers = [:]
        String body

        String header(String name) { headers[name.toLowerCase()]?.first() }
    }

    static Response exchange(int port, String head, byte[] body = new byte[0]) {
        new Socket(InetAddress.getLoopbackAddress(), port).withCloseable { socket ->
            socket.soTimeout = 30_000
            socket.outputStream.write(head.replace('\n', '\r\n').getBytes(StandardCharsets.ISO_8859_1))
            socket.outputStream.write(body)
            socket.outputStream.flush()
            parse(socket.inputStream.readAllBytes())
        }
    }

    /**
     * Writes {@code bytes} exactly as given (no line-ending rewrite) and reads until the server
     * closes the connection (a reset counts as closed) or {@code timeout} ms pass without a byte,
     * which fails: every conversation must end with the server closing.
     */
    static List<Response> conversation(int port, byte[] bytes, int timeout = 5_000) {
        conversation(new Socket(InetAddress.getLoopbackAddress(), port), bytes, timeout)
    }

    /** {@link #conversation(int, byte[], int)} on a connected socket (a TLS one too), which it closes. */
    static List<Response> conversation(Socket connected, byte[] bytes, int timeout = 5_000) {
        connected.withCloseable { socket ->
            socket.soTimeout = timeout
            socket.outputStream.write(bytes)
            socket.outputStream.flush()
            def received = new ByteArrayOutputStream()
            try {
                socket.inputStream.transferTo(received)
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("connection still open after ${timeout} ms, received: $received", stillOpen)
            } catch (SocketException | javax.net.ssl.SSLException reset) {
                // the server closed with our bytes unread: closed all the same
            }
            parseAll(new String(received.toByteArray(), StandardCharsets.ISO_8859_1))
        }
    }

    /** Responses one after another, each body framed by its Content-Length. */
    private static List<Response> parseAll(String text) {
        List<Response> responses = []
        while (text) {
            def response = parse(text.getBytes(StandardCharsets.ISO_8859_1))
            int length = (response.header('content-length') ?: '-1') as int
            if (length >= 0 && response.body.length() > length) {
                text = response.body.substring(length)
                response.body = response.body.substring(0, length)
            } else {
                text = ''
            }
            responses << response
        }
        responses
    }

    private static Response parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1)
        int end = text.indexOf('\r\n\r\n')
        assert end > 0: "no complete response head in: $text"
        def lines = text.substring(0, end).split('\r\n')
        def response = new Response(status: lines[0].split(' ')[1] as int)
        lines.drop(1).each { line ->
            int colon = line.indexOf(':')
            response.headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase()) { [] } << line.substring(colon + 1).trim()
        }
        String rest = text.substring(end + 4)
        response.body = response.header('transfer-encoding') == 'chunked' ? dechunk(rest) : rest
        response
    }

    private static String dechunk(String chunked) {
        def out = new StringBuilder()
        int i = 0
        while (true) {
            int lineEnd = chunked.indexOf('\r\n', i)
            int size = Integer.parseInt(chunked.substring(i, lineEnd).split(';')[0].trim(), 16)
            if (size == 0) return out.toString()
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size)
            i = lineEnd + 2 + size + 2
        }
    }
}
