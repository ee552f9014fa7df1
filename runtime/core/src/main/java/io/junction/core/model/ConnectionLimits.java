package io.junction.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How many requests each backend of a pool takes at once ({@code maxConnections}, 0 for no limit; a backend's
 * own {@code maxConnections} wins), and what happens to a request that finds every available backend full: it
 * waits in a queue of at most {@code queue} requests for at most {@code queueTimeout}, then is answered 503.
 */
public record ConnectionLimits(int maxConnections, int queue, Duration queueTimeout) {

    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(0, 100, Duration.ofSeconds(1));

    public ConnectionLimits {
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        requireMaxConnections(maxConnections);
        if (queue < 0) {
            throw new InvalidSpecException("maxConnections queue: got " + queue + ", expected 0 (no waiting) or more");
        }
    }

    /** @return {@code max} when it is 0 (no limit) or more @throws InvalidSpecException otherwise */
    public static int requireMaxConnections(int max) {
        if (max < 0) {
            throw new InvalidSpecException("maxConnections: got " + max + ", expected 0 (no limit) or more");
        }
        return max;
    }
}
