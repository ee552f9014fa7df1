package io.junction.e2e

import groovy.transform.CompileStatic

import java.nio.charset.StandardCharsets

/**
 * One keep-alive connection sending the same request again and again and reading each answer whole (Content-Length
 * framed, no body for HEAD); counts the 200s. Statically compiled so that the client is quick, not the bottleneck.
 */
@CompileStatic
class KeepAliveClient implements Closeable {

    private final Socket socket
    private final byte[] request
    private final boolean head
    private final byte[] buffer = new byte[64 * 1024]
    int answers

    KeepAliveClient(int port, String request) {
        this.socket = new Socket(InetAddress.loopbackAddress, port)
        socket.tcpNoDelay = true
        socket.soTimeout = 10_000
        this.request = request.getBytes(StandardCharsets.ISO_8859_1)
        this.head = request.startsWith('HEAD ')
    }

    void send(int times) {
        for (int i = 0; i < times; i++) {
            socket.outputStream.write(request)
            readAnswer()
        }
    }

    private void readAnswer() {
        int size = 0
        int headEnd = -1
        int length = -1
        while (headEnd < 0 || size < headEnd + length) {
            int n = socket.inputStream.read(buffer, size, buffer.length - size)
            if (n < 0) {
                throw new IOException("connection closed after ${answers} answers")
            }
            size += n
            if (headEnd < 0 && (headEnd = endOfHead(size)) >= 0) {
                String text = new String(buffer, 0, headEnd, StandardCharsets.ISO_8859_1)
                if (!text.startsWith('HTTP/1.1 200')) {
                    throw new IOException("answer ${answers + 1}: ${text.readLines()[0]}")
                }
                length = head ? 0 : contentLength(text)
            }
        }
        answers++
    }

    private int endOfHead(int size) {
        for (int i = 3; i < size; i++) {
            if (buffer[i] == (byte) 10 && buffer[i - 1] == (byte) 13 && buffer[i - 2] == (byte) 10 && buffer[i - 3] == (byte) 13) {
                return i + 1
            }
        }
        return -1
    }

    private static int contentLength(String head) {
        def match = head =~ /(?i)\r\ncontent-length: *(\d+)/
        if (!match.find()) {
            throw new IOException("answer without Content-Length: $head")
        }
        Integer.parseInt(match.group(1))
    }

    @Override
    void close() {
        socket.close()
    }
}
