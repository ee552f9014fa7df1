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

    /**
     * Value of the named cookie, or {@code null}. This default reads the {@code Cookie} header on every call; the
     * server overrides it with the cookies it has already parsed.
     */
    default String cookie(String name) {
        return valueOf(header("Cookie"), ';', name);
    }

    /**
     * First value of the named query parameter, or {@code null}; {@code ""} when it has no value. This default scans
     * {@link #query()} and does not decode; the server overrides it with the parameters it has already decoded.
     */
    default String queryParameter(String name) {
        return valueOf(query(), '&', name);
    }

    /** The value of {@code name} in a list such as {@code a=1; b=2} (cookies) or {@code a=1&b} (query). */
    private static String valueOf(String pairs, char separator, String name) {
        if (pairs == null) {
            return null;
        }
        int start = 0;
        while (start <= pairs.length()) {
            int end = pairs.indexOf(separator, start);
            end = end < 0 ? pairs.length() : end;
            while (start < end && pairs.charAt(start) == ' ') {
                start++;
            }
            if (pairs.startsWith(name, start)) {
                int after = start + name.length();
                if (after > end) {
                    return null;
                }
                if (after == end) {
                    return "";
                }
                if (pairs.charAt(after) == '=') {
                    return pairs.substring(after + 1, end).trim();
                }
            }
            start = end + 1;
        }
        return null;
    }
}
