package io.junction.plugins.health;

import io.junction.api.Target;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One probe's connection: connect, write a request (if any), read until the answer is complete, all without
 * blocking a thread; the connection is closed when the exchange ends, fails or reaches the target's timeout.
 */
final class SocketExchange {

    /** Most bytes of an answer read; a check never needs more. */
    static final int MAX_ANSWER = 64 * 1024;

    private final AsynchronousSocketChannel channel;
    private final CompletableFuture<byte[]> answer = new CompletableFuture<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);
    private final Predicate<byte[]> complete;

    private SocketExchange(AsynchronousSocketChannel channel, Predicate<byte[]> complete) {
        this.channel = channel;
        this.complete = complete;
    }

    /**
     * @param request  bytes to send once connected; empty to send nothing
     * @param complete whether the bytes read so far are a whole answer; {@code null} to read nothing and
     *                 complete once connected and the request is written
     * @return the bytes read (up to end of stream, a complete answer or {@link #MAX_ANSWER}); fails with the
     *         connect or read error, or a timeout
     */
    static CompletableFuture<byte[]> run(Target target, byte[] request, Predicate<byte[]> complete) {
        AsynchronousSocketChannel channel;
        try {
            channel = AsynchronousSocketChannel.open();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        SocketExchange exchange = new SocketExchange(channel, complete);
        exchange.answer.orTimeout(target.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((bytes, failure) -> exchange.close());
        channel.connect(new InetSocketAddress(target.host(), target.port()), null, exchange.handler(ignored -> exchange.connected(request)));
        return exchange.answer;
    }

    private void connected(byte[] request) {
        if (request.length > 0) {
            write(ByteBuffer.wrap(request));
        } else {
            readOrComplete();
        }
    }

    private void write(ByteBuffer request) {
        channel.write(request, null, handler(written -> {
            if (request.hasRemaining()) {
                write(request);
            } else {
                readOrComplete();
            }
        }));
    }

    private void readOrComplete() {
        if (complete == null) {
            answer.complete(new byte[0]);
        } else {
            read();
        }
    }

    private void read() {
        buffer.clear();
        channel.read(buffer, null, handler(count -> {
            if (count < 0) {
                answer.complete(received.toByteArray());
                return;
            }
            received.write(buffer.array(), 0, count);
            byte[] soFar = received.toByteArray();
            if (soFar.length >= MAX_ANSWER || complete.test(soFar)) {
                answer.complete(soFar);
            } else {
                read();
            }
        }));
    }

    private <V> CompletionHandler<V, Void> handler(Consumer<V> next) {
        return new CompletionHandler<>() {
            @Override
            public void completed(V result, Void attachment) {
                if (!answer.isDone()) {
                    next.accept(result);
                }
            }

            @Override
            public void failed(Throwable failure, Void attachment) {
                answer.completeExceptionally(failure);
            }
        };
    }

    private void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a probe's socket: nothing to do about a failure
        }
    }
}
