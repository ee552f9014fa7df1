package io.junction.dsl;

/** The words inside a {@code route} or {@code otherwise} block: exactly one action. */
public interface RouteDsl {

    /** Proxies the request to a backend of the named pool. */
    @Usage("forward 'pool'")
    void forward(String pool);

    /** Answers directly with an HTTP status (100..599) and a text body. */
    @Usage("respond 404, 'no route'")
    void respond(int status, String body);
}
