package io.junction.plugins.sessions.redis;

import io.junction.api.Sessions;
import io.lettuce.core.SetArgs;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Pins under {@code prefix + key} in Redis with a time to live each; fresh local copies answer inline. */
final class RedisSessions implements Sessions {

    private final RedisLink link;
    private final String prefix;
    private final LocalCache cache;

    RedisSessions(RedisLink link, String prefix, LocalCache cache) {
        this.link = link;
        this.prefix = prefix;
        this.cache = cache;
    }

    @Override
    public CompletionStage<String> find(String key) {
        String cached = cache.get(key);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return link.commandsIfConnected().thenCompose(redis -> redis.get(prefix + key)).thenApply(backendId -> {
            if (backendId != null) {
                cache.put(key, backendId);
            }
            return backendId;
        });
    }

    @Override
    public CompletionStage<Void> put(String key, String backendId, Duration ttl) {
        cache.put(key, backendId);
        // fails when the connect under way fails, when Redis is disconnected, or after the command timeout
        return link.commands().thenCompose(redis -> redis.set(prefix + key, backendId, SetArgs.Builder.px(Math.max(1, ttl.toMillis()))))
                .thenApply(ok -> null);
    }

    @Override
    public void remove(String key) {
        cache.remove(key);
        link.commands().thenAccept(redis -> redis.del(prefix + key));
    }

    @Override
    public void close() {
        link.close();
    }
}
