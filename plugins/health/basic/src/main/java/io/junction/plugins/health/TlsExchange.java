package io.junction.plugins.health;

import io.junction.api.Target;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@link SocketExchange} over TLS, for an https:// backend: the JDK's TLS socket, made from {@link Target#tls()} as
 * proxying makes its connections (server name sent and verified, the pool's CA and client certificate). A TLS socket
 * blocks, so it runs on one of this check's own daemon threads, never on Junction's scheduler; the target's timeout
 * bounds the connect and each read, and closes the socket when it is reached.
 */
final class TlsExchange {

    /** At most one probe per backend is under way, so a thread per backend being probed at most. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "junction-health-tls");
        thread.setDaemon(true);
        return thread;
    });

    private TlsExchange() {
    }

    /** As {@link SocketExchange#run}, with a request to send and a test of a complete answer. */
    static CompletableFuture<byte[]> run(Target target, byte[] request, Predicate<byte[]> complete) {
        Socket plain = new Socket();
        CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> exchange(plain, target, request, complete), THREADS);
        answer.orTimeout(target.timeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((bytes, failure) -> close(plain));
        return answer;
    }

    private static byte[] exchange(Socket plain, Target target, byte[] request, Predicate<byte[]> complete) {
        int timeout = (int) Math.max(1, target.timeout().toMillis());
        SSLEngine like = target.tls().createSSLEngine(target.host(), target.port());
        try {
            plain.connect(new InetSocketAddress(target.host(), target.port()), timeout);
            SSLSocket socket = (SSLSocket) target.tls().getSocketFactory().createSocket(plain, like.getPeerHost(), target.port(), true);
            socket.setSSLParameters(like.getSSLParameters());
            socket.setSoTimeout(timeout);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream(), complete);
        } catch (IOException e) {
            throw new IllegalStateException(e instanceof SocketTimeoutException ? "timed out" : e.getMessage(), e);
        }
    }

    private static byte[] read(InputStream input, Predicate<byte[]> complete) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int count = input.read(buffer); count >= 0; count = input.read(buffer)) {
            received.write(buffer, 0, count);
            byte[] soFar = received.toByteArray();
            if (soFar.length >= SocketExchange.MAX_ANSWER || complete.test(soFar)) {
                return soFar;
            }
        }
        return received.toByteArray();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a probe's socket: nothing to do about a failure
        }
    }
}
