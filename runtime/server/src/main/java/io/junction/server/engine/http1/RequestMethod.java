package io.junction.server.engine.http1;

/** The registered methods, recognised without creating a String; any other token is {@link #OTHER}. */
public enum RequestMethod {
    GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH, OTHER;

    /** values() copies its array on every call; this one is read-only by convention. */
    private static final RequestMethod[] KNOWN = {GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH};

    /** Methods are case-sensitive (RFC 9110 9.1), so {@code get} is {@link #OTHER}. */
    static RequestMethod of(byte[] bytes, int start, int end) {
        for (RequestMethod method : KNOWN) {
            if (Chars.equals(bytes, start, end, method.name())) {
                return method;
            }
        }
        return OTHER;
    }
}
