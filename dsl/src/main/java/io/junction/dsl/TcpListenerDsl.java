package io.junction.dsl;

/** The words inside {@code tcp('name', port: ...) { ... }}: where the listener's connections go. */
public interface TcpListenerDsl {

    /** Forwards every connection, bytes untouched, to a backend of the named pool (its backends are tcp://). */
    @Usage("forward 'pool'")
    void forward(String pool);
}
