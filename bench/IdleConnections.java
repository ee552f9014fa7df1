import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens N HTTP/1.1 keep-alive connections to 127.0.0.1:PORT, sends one GET / on each and reads its whole
 * answer, then holds them all open and idle until killed: what a proxy keeps per idle client connection.
 * Prints "holding N" once every connection is idle. Usage: java IdleConnections.java PORT N
 */
public final class IdleConnections {

    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: bench\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        int count = Integer.parseInt(args[1]);
        List<SocketChannel> held = new ArrayList<>(count);
        ByteBuffer in = ByteBuffer.allocate(4096);
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(address);
            channel.write(ByteBuffer.wrap(REQUEST));
            readAnswer(channel, in, i);
            held.add(channel);
        }
        System.out.println("holding " + held.size());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Reads one answer with a Content-Length body; a 200 is the only answer that proves keep-alive works. */
    private static void readAnswer(SocketChannel channel, ByteBuffer in, int index) throws IOException {
        in.clear();
        while (true) {
            if (channel.read(in) < 0) {
                throw new IOException("connection " + index + " closed before its answer ended");
            }
            String text = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                continue;
            }
            if (!text.startsWith("HTTP/1.1 200")) {
                throw new IOException("connection " + index + ": " + text.lines().findFirst().orElse(""));
            }
            int length = contentLength(text.substring(0, headEnd));
            if (in.position() >= headEnd + 4 + length) {
                return;
            }
        }
    }

    private static int contentLength(String head) throws IOException {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        throw new IOException("answer without Content-Length: " + head);
    }
}
