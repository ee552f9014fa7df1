package io.junction.api;

/** Read-only view of the request being routed; valid only during the call it is passed to. */
public interface RequestView {

    String method();

    /** Host header without port, lower case; empty when absent. */
    String host();

    /** Decoded, normalised path, always starting with '/'. */
    String path();

    /** Raw query string without '?', empty when absent. */
    String query();

    /** First value of the header, or {@code null}. */
    String header(String name);

    /** The client's IP address as text. */
    String remoteAddress();
}
