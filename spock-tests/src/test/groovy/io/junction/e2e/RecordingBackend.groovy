package io.junction.e2e

import java.nio.charset.StandardCharsets
import java.util.concurrent.CopyOnWriteArrayList

/**
 * A backend that records every request it reads, head and body exactly as received, and answers
 * each one with {@code 200} and the body {@code backend <n>} (or as told: another status, or never). It frames requests the plain way
 * (Content-Length or chunked, first header wins): what it reads is what a lenient server behind
 * Junction would read. Anything it cannot frame is recorded as well, then the connection is closed.
 */
class RecordingBackend extends SocketBackend {

    /** Every request read, in order: head and body as ISO-8859-1 text. */
    final List<String> received = new CopyOnWriteArrayList<>()

    /** {@code 'ok'}: 200; a status such as {@code '503'}: that status; {@code 'hang'}: no answer until Junction closes. */
    final String answer

    RecordingBackend(String answer = 'ok') {
        this.answer = answer
        start()
    }

    @Override
    protected void serve(Socket socket) {
        socket.withCloseable {
            def input = new BufferedInputStream(socket.inputStream)
            String head
            while ((head = readHead(input)) != null) {
                String body
                try {
                    body = readBody(input, head)
                } catch (IllegalStateException unframed) {
                    received << head + '<unframed: ' + unframed.message + '>'
                    return
                }
                received << head + body
                int n = requests.incrementAndGet()
                if (answer != 'hang') {
                    String status = answer == 'ok' ? '200 OK' : "$answer Failing"
                    socket.outputStream.write("HTTP/1.1 $status\r\nContent-Length: ${8 + "$n".length()}\r\n\r\nbackend $n"
                            .getBytes(StandardCharsets.ISO_8859_1))
                    socket.outputStream.flush()
                }
            }
        }
    }

    private static String readHead(InputStream input) {
        def head = new ByteArrayOutputStream()
        int b
        while ((b = input.read()) >= 0) {
            head.write(b)
            if (head.size() >= 4 && new String(head.toByteArray(), head.size() - 4, 4, 'ISO-8859-1') == '\r\n\r\n') {
                return head.toString('ISO-8859-1')
            }
        }
        null
    }

    private static String readBody(InputStream input, String head) {
        String te = field(head, 'transfer-encoding')
        if (te?.toLowerCase()?.contains('chunked')) {
            return readChunked(input)
        }
        String cl = field(head, 'content-length')
        cl == null ? '' : text(input.readNBytes(cl.trim() as int))
    }

    private static String readChunked(InputStream input) {
        def body = new StringBuilder()
        while (true) {
            String line = readLine(input)
            body << line << '\r\n'
            int size = Integer.parseInt(line.split(';')[0].trim(), 16)
            if (size == 0) {
                String trailer
                while ((trailer = readLine(input))) {
                    body << trailer << '\r\n'
                }
                return body << '\r\n'
            }
            body << text(input.readNBytes(size + 2))
        }
    }

    private static String readLine(InputStream input) {
        def line = new StringBuilder()
        int b
        while ((b = input.read()) != '\n') {
            if (b < 0) throw new IllegalStateException('end of stream inside a chunked body')
            if (b != '\r') line.append((char) b)
        }
        line.toString()
    }

    private static String field(String head, String name) {
        head.split('\r\n').drop(1).find { it.toLowerCase().startsWith(name + ':') }?.with { it.substring(it.indexOf(':') + 1).trim() }
    }

    private static String text(byte[] bytes) {
        new String(bytes, StandardCharsets.ISO_8859_1)
    }
}
