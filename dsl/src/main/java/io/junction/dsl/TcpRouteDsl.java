package io.junction.dsl;

/** The word inside a tcp {@code route} block, and the default of a {@code tcp} block: where connections go. */
public interface TcpRouteDsl {

    /** Forwards the connection, bytes untouched, to a backend of the named pool (its backends are tcp://). */
    @Usage("forward 'pool'")
    void forward(String pool);
}
