package io.junction.plugins.sessions.redis;

import io.junction.api.Options;
import io.junction.api.SessionStore;
import io.junction.api.Sessions;
import io.lettuce.core.RedisURI;
import org.pf4j.Extension;

import java.time.Duration;
import java.util.Set;

/**
 * {@code sessions 'redis', uri: 'redis://:password@127.0.0.1:6379/2', timeout: '200ms', prefix: 'junction:sticky:',
 * cache: '1s'}: the URI carries password and database; {@code timeout} bounds connects and commands; {@code cache}
 * is how long a pin read from Redis is trusted locally ({@code 0ms} turns the cache off).
 */
@Extension
public final class RedisStore implements SessionStore {

    static final String DEFAULT_URI = "redis://127.0.0.1:6379";

    @Override
    public String id() {
        return "redis";
    }

    @Override
    public Sessions open(Options options) {
        options.requireOnly("sessions 'redis'", Set.of("uri", "timeout", "prefix", "cache", "cacheSize"));
        Duration timeout = options.getDuration("timeout", Duration.ofMillis(200));
        Duration cache = options.getDuration("cache", Duration.ofSeconds(1));
        int cacheSize = options.getInt("cacheSize", 10_000);
        String prefix = options.get("prefix", "junction:sticky:");
        RedisURI uri;
        try {
            uri = RedisURI.create(options.get("uri", DEFAULT_URI));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("sessions 'redis': uri '" + options.get("uri", "") + "' is not a Redis URI: " + e.getMessage());
        }
        if (timeout.isZero() || cacheSize < 1) {
            throw new IllegalArgumentException("sessions 'redis': timeout must be above 0 and cacheSize at least 1");
        }
        uri.setTimeout(timeout);
        return new RedisSessions(new RedisLink(uri, timeout), prefix, new LocalCache(cache, cacheSize, System::nanoTime));
    }
}
