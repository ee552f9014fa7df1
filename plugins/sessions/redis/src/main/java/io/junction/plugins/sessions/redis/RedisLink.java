package io.junction.plugins.sessions.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection to Redis, opened asynchronously on first use. Lettuce reconnects it by itself once it was up;
 * until the first connect succeeds, a new one is tried at most once a second. While it is down, commands fail at
 * once instead of queueing, every command fails after the timeout, and a lookup never waits for a connect.
 */
final class RedisLink {

    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RedisClient client;
    private final RedisURI uri;
    private final AtomicLong lastTry = new AtomicLong(System.nanoTime() - RETRY_NANOS);
    private volatile CompletableFuture<StatefulRedisConnection<String, String>> connection;

    static {
        // Lettuce's JFR events look their classes up through the thread's context class loader, which on a Junction
        // I/O thread is the server's, not this plugin's: the lookup fails or finds another copy. Junction records none.
        System.getProperties().putIfAbsent("io.lettuce.core.jfr", "false");
    }

    RedisLink(RedisURI uri, Duration timeout, Duration connectTimeout) {
        this.uri = uri;
        this.client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                .build());
    }

    /** The commands once connected (a write may wait for the connect under way), or a failed stage. */
    CompletableFuture<RedisAsyncCommands<String, String>> commands() {
        return connection().thenApply(StatefulRedisConnection::async);
    }

    /**
     * The commands now, or a failed stage while the connection is still being opened: a lookup that waited for a
     * connect would hold its request for up to the connect timeout.
     */
    CompletableFuture<RedisAsyncCommands<String, String>> commandsIfConnected() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection();
        if (!current.isDone()) {
            return CompletableFuture.failedFuture(new RedisConnectionException("still connecting to " + uri));
        }
        return current.thenApply(StatefulRedisConnection::async);
    }

    private CompletableFuture<StatefulRedisConnection<String, String>> connection() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection;
        if (current == null || current.isCompletedExceptionally()) {
            current = reconnect(current);
        }
        return current;
    }

    private synchronized CompletableFuture<StatefulRedisConnection<String, String>> reconnect(
            CompletableFuture<StatefulRedisConnection<String, String>> seen) {
        long now = System.nanoTime();
        if (connection != seen || now - lastTry.get() < RETRY_NANOS && seen != null) {
            return connection;
        }
        lastTry.set(now);
        try {
            connection = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
        } catch (RuntimeException e) {
            connection = CompletableFuture.failedFuture(e);
        }
        return connection;
    }

    /** Waits (at most 2 s) for Lettuce's threads to end: the plugin's class loader may be closed right after. */
    void close() {
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
