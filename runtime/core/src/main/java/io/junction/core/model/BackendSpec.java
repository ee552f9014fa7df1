package io.junction.core.model;

import java.net.URI;
import java.util.Objects;

/**
 * One backend of a pool: its address, a relative weight (>= 1), what the operator lets it receive and how many
 * requests it takes at once ({@code maxConnections}; 0 leaves it to the pool's {@link ConnectionLimits}).
 */
public record BackendSpec(BackendAddress address, int weight, BackendMode mode, int maxConnections, SourceLocation location) {

    public BackendSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mode, "mode");
        requireWeight(weight);
        ConnectionLimits.requireMaxConnections(maxConnections);
    }

    /** A backend without a limit of its own. */
    public BackendSpec(BackendAddress address, int weight, BackendMode mode, SourceLocation location) {
        this(address, weight, mode, 0, location);
    }

    /** A backend in mode {@link BackendMode#UP}. */
    public BackendSpec(BackendAddress address, int weight, SourceLocation location) {
        this(address, weight, BackendMode.UP, location);
    }

    /** @return {@code weight} when it is at least 1 @throws InvalidSpecException otherwise */
    public static int requireWeight(int weight) {
        if (weight < 1) {
            throw new InvalidSpecException("backend weight: got " + weight + ", expected a whole number of at least 1");
        }
        return weight;
    }

    /** Identity of the backend across pools and reloads: {@link BackendAddress#id()}. */
    public String id() {
        return address.id();
    }

    public URI uri() {
        return address.uri();
    }
}
