package io.junction.plugins.sessions.redis;

import io.junction.api.Options;
import io.junction.api.SessionStore;
import io.junction.api.Sessions;
import io.lettuce.core.RedisURI;
import org.pf4j.Extension;

import java.time.Duration;
import java.util.Set;

/**
 * {@code sessions 'redis', uri: 'redis://:password@127.0.0.1:6379/2', timeout: '200ms', connectTimeout: '5s',
 * prefix: 'junction:sticky:', cache: '1s'}: the URI carries password and database; {@code timeout} bounds commands,
 * {@code connectTimeout} a connect and its handshake (lookups do not wait for those: the first one of a cold process
 * loads Lettuce and Netty and took longer than 200 ms on a busy machine); {@code cache} is how long a pin read
 * from Redis is trusted locally ({@code 0ms} turns the cache off).
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
        options.requireOnly("sessions 'redis'", Set.of("uri", "timeout", "connectTimeout", "prefix", "cache", "cacheSize"));
        Duration timeout = options.getDuration("timeout", Duration.ofMillis(200));
        Duration connectTimeout = options.getDuration("connectTimeout", Duration.ofSeconds(5));
        Duration cache = options.getDuration("cache", Duration.ofSeconds(1));
        int cacheSize = options.getInt("cacheSize", 10_000);
        String prefix = options.get("prefix", "junction:sticky:");
        RedisURI uri;
        try {
            uri = RedisURI.create(options.get("uri", DEFAULT_URI));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("sessions 'redis': uri '" + options.get("uri", "") + "' is not a Redis URI: " + e.getMessage());
        }
        if (timeout.isZero() || connectTimeout.isZero() || cacheSize < 1) {
            throw new IllegalArgumentException("sessions 'redis': timeout and connectTimeout must be above 0 and cacheSize at least 1");
        }
        uri.setTimeout(connectTimeout); // Lettuce bounds the connection's handshake by the URI's timeout
        return new RedisSessions(new RedisLink(uri, timeout, connectTimeout), prefix, new LocalCache(cache, cacheSize, System::nanoTime));
    }
}
