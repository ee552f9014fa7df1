package io.junction.core.model;

import java.net.URI;
import java.util.Objects;

/** One backend of a pool: its address and a relative weight (>= 1). */
public record BackendSpec(BackendAddress address, int weight, SourceLocation location) {

    public BackendSpec {
        Objects.requireNonNull(address, "address");
        requireWeight(weight);
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
