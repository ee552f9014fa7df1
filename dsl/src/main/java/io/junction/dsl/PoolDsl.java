package io.junction.dsl;

import groovy.transform.NamedParam;
import groovy.transform.NamedParams;

import java.util.Map;

/** The words inside {@code pool('name') { ... }}. */
public interface PoolDsl {

    /** Picks the balancing strategy by plugin id; {@code round-robin} when never called. */
    @Usage("balance 'strategy-id'")
    void balance(String strategy);

    /** Same, with options handed to the strategy as strings. */
    @Usage("balance 'strategy-id', option: 'value'")
    void balance(Map<String, ?> options, String strategy);

    /** Adds a backend with weight 1. */
    @Usage("backend 'http://host:port'")
    void backend(String uri);

    /**
     * Adds a backend with a relative weight (a whole number, at least 1) and a mode: {@code up} (the default),
     * {@code drain} (no new requests) or {@code maint} (nothing).
     */
    @Usage("backend 'http://host:port', weight: 2, state: 'drain'")
    void backend(@NamedParams({
                     @NamedParam(value = "weight", type = Integer.class),
                     @NamedParam(value = "state", type = String.class)
                 }) Map<String, ?> options, String uri);

    /** An active health check by plugin id, with the defaults: every 2s, timeout 1s, fall 2, rise 2, initial up. */
    @Usage("health 'http'")
    void health(String check);

    /**
     * An active health check by plugin id. interval, timeout, fall, rise and initial ('up' or 'down') are
     * Junction's; every other option goes to the check plugin (http: method, path, host, status, contains, ...).
     */
    @Usage("health 'http', path: '/healthz', interval: '2s', timeout: '1s', fall: 2, rise: 2, initial: 'up'")
    void health(Map<String, ?> options, String check);

    /**
     * Passive ejection: after {@code failures} failed attempts in a row (connect failures, timeouts, broken
     * exchanges, 5xx) a backend is out for {@code time} times its ejections in a row, at most {@code maxTime};
     * at most {@code maxPercent} of the pool at once. {@code failures: 0} turns it off.
     */
    @Usage("eject failures: 5, time: '30s', maxTime: '5m', maxPercent: 50")
    void eject(@NamedParams({
                   @NamedParam(value = "failures", type = Integer.class),
                   @NamedParam(value = "time", type = String.class),
                   @NamedParam(value = "maxTime", type = String.class),
                   @NamedParam(value = "maxPercent", type = Integer.class)
               }) Map<String, ?> options);

    /** Resends an idempotent request whose backend failed after it was sent, up to this many times. */
    @Usage("retries 2")
    void retries(int retries);

    /** Same, no later than {@code time} after the request arrived, and within {@code budget} percent of the requests in flight. */
    @Usage("retries 2, time: '5s', budget: 20")
    void retries(@NamedParams({
                     @NamedParam(value = "time", type = String.class),
                     @NamedParam(value = "budget", type = Integer.class)
                 }) Map<String, ?> options, int retries);

    /** When no backend is available: 503 with this Retry-After (default 1s), or {@code panic: true} to use them all anyway. */
    @Usage("allDown panic: true")
    void allDown(@NamedParams({
                     @NamedParam(value = "panic", type = Boolean.class),
                     @NamedParam(value = "retryAfter", type = String.class)
                 }) Map<String, ?> options);

    /**
     * For tcp:// backends: every connection starts with a PROXY protocol header naming the client ({@code 'v1'} text,
     * {@code 'v2'} binary, {@code 'none'}); overrides the tcp listener's {@code proxyProtocol} for this pool.
     */
    @Usage("proxyProtocol 'v2'")
    void proxyProtocol(String version);

    /** Upstream timeouts such as {@code 250ms}, {@code 1s}, {@code 2m}; omitted ones use the process default. */
    @Usage("timeouts connect: '1s', response: '15s'")
    void timeouts(@NamedParams({
                      @NamedParam(value = "connect", type = String.class),
                      @NamedParam(value = "response", type = String.class)
                  }) Map<String, ?> durations);
}
