package io.junction.dsl;

import groovy.transform.NamedParam;
import groovy.transform.NamedParams;

import java.util.List;
import java.util.Map;

/**
 * The words inside a {@code route} or {@code otherwise} block: exactly one action ({@code forward},
 * {@code split}, {@code redirect}, {@code respond}) and any number of filters, which change a forwarded
 * request (path, request headers) and its response (response headers) in the order written.
 */
public interface RouteDsl {

    /** Proxies the request to a backend of the named pool. */
    @Usage("forward 'pool'")
    void forward(String pool);

    /**
     * Proxies the request to one of several pools in proportion to their weights; with {@code key}
     * ({@code client}, {@code header:Name}, {@code cookie:name}, {@code query:name}) one client always gets the same pool.
     */
    @Usage("split 'api-canary': 5, 'api': 95, key: 'cookie:session'")
    void split(Map<String, ?> weights);

    /**
     * Answers with a redirect (301, 302, 303, 307, 308). Without options it points at the same path; {@code scheme},
     * {@code host} and {@code port} (after the request's host) make it absolute; {@code path} is a template
     * ({@code {path}}: the request's path); the query is kept unless {@code query: false}.
     */
    @Usage("redirect 301, scheme: 'https', host: 'www.example.com', path: '/new{path}', query: true")
    void redirect(@NamedParams({
                      @NamedParam(value = "scheme", type = String.class),
                      @NamedParam(value = "host", type = String.class),
                      @NamedParam(value = "port", type = Integer.class),
                      @NamedParam(value = "path", type = String.class),
                      @NamedParam(value = "query", type = Boolean.class)
                  }) Map<String, ?> options, int status);

    /** Answers with a redirect to the same path and query. */
    @Usage("redirect 308")
    void redirect(int status);

    /** Answers 308 to the same host, path and query on https (method and body kept), e.g. on a plain port 80 listener. */
    @Usage("redirectToHttps()")
    void redirectToHttps();

    /** Same, to https on another port than 443. */
    @Usage("redirectToHttps port: 8443")
    void redirectToHttps(@NamedParams({@NamedParam(value = "port", type = Integer.class)}) Map<String, ?> options);

    /** Answers directly with an HTTP status (100..599) and a text body. */
    @Usage("respond 404, 'no route'")
    void respond(int status, String body);

    /** Same, with header fields. */
    @Usage("respond 200, 'pong', headers: ['Cache-Control': 'no-store']")
    void respond(@NamedParams({@NamedParam(value = "headers", type = Map.class)}) Map<String, ?> options, int status, String body);

    /** Removes a leading path prefix on segment boundaries before forwarding: {@code /api/cart} becomes {@code /cart}. */
    @Usage("stripPrefix '/api'")
    void stripPrefix(String prefix);

    /** Replaces a leading path prefix on segment boundaries before forwarding. */
    @Usage("replacePrefix '/v1', '/api/v1'")
    void replacePrefix(String prefix, String replacement);

    /** Replaces every match of a regular expression in the path; the replacement may use {@code $1} and {@code ${name}}. */
    @Usage("rewritePath '^/u/(?<id>[0-9]+)$', '/users/${id}'")
    void rewritePath(String regex, String replacement);

    /** Sets a request header (replacing every value it had) before forwarding. */
    @Usage("setRequestHeader 'X-Env', 'prod'")
    void setRequestHeader(String name, String value);

    /** Adds a request header value, keeping the ones the client sent. */
    @Usage("addRequestHeader 'X-Tag', 'canary'")
    void addRequestHeader(String name, String value);

    /** Removes a request header before forwarding. */
    @Usage("removeRequestHeader 'Cookie'")
    void removeRequestHeader(String name);

    /** Sets a header of the backend's response (replacing every value it had). */
    @Usage("setResponseHeader 'Cache-Control', 'no-store'")
    void setResponseHeader(String name, String value);

    /** Adds a header value to the backend's response. */
    @Usage("addResponseHeader 'X-Served-By', 'junction'")
    void addResponseHeader(String name, String value);

    /** Removes a header of the backend's response. */
    @Usage("removeResponseHeader 'Server'")
    void removeResponseHeader(String name);

    /**
     * This route's upstream timeouts, overriding the pool's: {@code connect} (per backend tried), {@code response}
     * (from the end of the request body to the start of the response) and {@code total} (all tries together: no
     * further try starts after it).
     */
    @Usage("timeouts connect: '1s', response: '30s', total: '10s'")
    void timeouts(@NamedParams({
                      @NamedParam(value = "connect", type = String.class),
                      @NamedParam(value = "response", type = String.class),
                      @NamedParam(value = "total", type = String.class)
                  }) Map<String, ?> options);

    /**
     * This route's retry policy, replacing the pool's retries: at most {@code tries} backends per request, moving on
     * after the failures listed in {@code on} ({@code connect-failure}, {@code reset}, {@code timeout}: past
     * {@code perTry}, {@code 502}, {@code 503}, {@code 504}: that answer, dropped), each try answering within
     * {@code perTry} (else 504). A request already sent is resent only without a body, and only when its method is
     * idempotent, unless {@code resend: true}.
     */
    @Usage("retry tries: 3, on: ['connect-failure', 'reset', 'timeout', '503'], perTry: '2s', resend: false")
    void retry(@NamedParams({
                   @NamedParam(value = "tries", type = Integer.class, required = true),
                   @NamedParam(value = "on", type = List.class),
                   @NamedParam(value = "perTry", type = String.class),
                   @NamedParam(value = "resend", type = Boolean.class)
               }) Map<String, ?> options);

    /** The largest request body this route forwards, in bytes; a larger declared body gets 413. Only lowers the listener's limit. */
    @Usage("maxBody 1048576")
    void maxBody(long bytes);
}
