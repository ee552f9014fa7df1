package io.junction.testkit;

import java.util.List;
import java.util.Map;

/**
 * What Junction does with one request: which route took it and what its action and filters make of it.
 *
 * @param route           where the route is written ({@code 20-http.groovy:4}), {@code otherwise at} and where, or
 *                        {@code no route} for the listener's default 404
 * @param action          {@code forward}, {@code split}, {@code redirect} or {@code respond}
 * @param pool            the pool a forward or split sends this request to; null for redirect and respond
 * @param path            the decoded path the backend gets, after the route's rewrites (null unless forwarded)
 * @param target          the request target the backend gets: encoded path and query (null unless forwarded)
 * @param requestHeaders  the headers the backend gets, after the route's edits (empty unless forwarded)
 * @param responseHeaders the headers the route puts on the response: its edits of a backend's response, or a
 *                        {@code respond}'s headers, or a {@code redirect}'s Location
 * @param status          the status of a redirect or respond; 0 when a backend answers
 * @param location        a redirect's Location, else null
 * @param body            a respond's body, else null
 * @param passedOver      each earlier route whose {@code when} predicate threw, as {@code 20-http.groovy:4: predicate
 *                        threw: message}: it did not match, and the request went on to the next route
 */
public record RouteDecision(String route, String action, String pool, String path, String target,
                            Map<String, List<String>> requestHeaders, Map<String, List<String>> responseHeaders,
                            int status, String location, String body, List<String> passedOver) {

    public RouteDecision {
        passedOver = List.copyOf(passedOver);
    }

    /** Whether the request is answered by Junction itself (redirect, respond), not forwarded. */
    public boolean isAnswered() {
        return status != 0;
    }
}
