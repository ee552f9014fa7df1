import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens COUNT keep-alive connections to 127.0.0.1:PORT, sends one HTTP/1.1 GET on each and reads its answer, then
 * holds them all idle until its standard input ends. Prints "held N" once N connections are idle (N < COUNT when
 * the far side refused some: the caller divides by N). Used by bench/idle.sh to measure memory per idle connection,
 * for HTTP proxies and for tcp proxies in front of an HTTP origin alike.
 *   java bench/HoldConnections.java PORT COUNT
 */
public final class HoldConnections {

    private static final int OPENERS = 32;
    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: bench\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        // opened from several threads: one at a time, a loaded machine's round trips would make this take minutes
        Queue<Socket> held = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        Thread[] openers = new Thread[OPENERS];
        for (int t = 0; t < OPENERS; t++) {
            openers[t] = new Thread(() -> {
                while (next.getAndIncrement() < count) {
                    try {
                        held.add(open(port));
                    } catch (IOException e) {
                        System.err.println("a connection failed: " + e.getMessage());
                        return;
                    }
                }
            });
            openers[t].start();
        }
        for (Thread opener : openers) {
            opener.join();
        }
        System.out.println("held " + held.size());
        System.out.flush();
        System.in.transferTo(OutputStream.nullOutputStream());   // holding ends when standard input does
        for (Socket socket : held) {
            socket.close();
        }
    }

    private static Socket open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(REQUEST);
        readAnswer(socket.getInputStream());
        return socket;
    }

    /** Reads one answer with a Content-Length body (what the bench origins send). */
    private static void readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the answer's head ended");
            }
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase(Locale.ROOT);
        int at = lower.indexOf("content-length:");
        if (at < 0) {
            throw new IOException("answer without Content-Length: " + head.toString().lines().findFirst().orElse(""));
        }
        int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf('\r', at)).trim());
        if (in.readNBytes(length).length != length) {
            throw new IOException("closed before the answer's body ended");
        }
    }
}
