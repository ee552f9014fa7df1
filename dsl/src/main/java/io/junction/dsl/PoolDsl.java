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
     * {@code drain} (no new requests) or {@code maint} (nothing), and its own limit of requests at once.
     */
    @Usage("backend 'http://host:port', weight: 2, state: 'drain', maxConnections: 100")
    void backend(@NamedParams({
                     @NamedParam(value = "weight", type = Integer.class),
                     @NamedParam(value = "state", type = String.class),
                     @NamedParam(value = "maxConnections", type = Integer.class)
                 }) Map<String, ?> options, String uri);

    /**
     * At most this many requests at once per backend (a backend's own {@code maxConnections} wins); requests that
     * find every backend full wait in a queue of {@code queue} (default 100) for up to {@code queueTimeout}
     * (default 1s), then get 503.
     */
    @Usage("maxConnections 100, queue: 100, queueTimeout: '1s'")
    void maxConnections(@NamedParams({
                            @NamedParam(value = "queue", type = Integer.class),
                            @NamedParam(value = "queueTimeout", type = String.class)
                        }) Map<String, ?> options, int maxConnections);

    /** Same, with the default queue. */
    @Usage("maxConnections 100")
    void maxConnections(int maxConnections);

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

    /**
     * For https:// backends: the CA file their certificates must lead to (default: the JDK's trust store), the server
     * name sent by SNI and verified (default: each backend's host), and a client certificate and key for backends that
     * require one (mTLS). Files are relative to conf.d and re-read on every reload.
     */
    @Usage("tls ca: 'ca.pem', serverName: 'api.internal', cert: 'client.pem', key: 'client.key'")
    void tls(@NamedParams({
                 @NamedParam(value = "ca", type = String.class),
                 @NamedParam(value = "serverName", type = String.class),
                 @NamedParam(value = "cert", type = String.class),
                 @NamedParam(value = "key", type = String.class)
             }) Map<String, ?> options);

    /** Upstream timeouts such as {@code 250ms}, {@code 1s}, {@code 2m}; omitted ones use the process default. */
    @Usage("timeouts connect: '1s', response: '15s'")
    void timeouts(@NamedParams({
                      @NamedParam(value = "connect", type = String.class),
                      @NamedParam(value = "response", type = String.class)
                  }) Map<String, ?> durations);

    /**
     * Sticky sessions. {@code cookie:} Junction inserts a cookie of that name holding a signed session id, with
     * {@code maxAge} (none: a browser-session cookie), {@code secure}, {@code httpOnly}, {@code sameSite}
     * ({@code Strict}, {@code Lax}, {@code None}), {@code path} (default {@code /}) and {@code domain};
     * or {@code learn:} the application's own cookie of that name pins its value to the backend that set it.
     */
    @Usage("sticky cookie: 'JUNCTION', maxAge: '1h', secure: true, httpOnly: true, sameSite: 'Lax'")
    void sticky(@NamedParams({
                    @NamedParam(value = "cookie", type = String.class),
                    @NamedParam(value = "learn", type = String.class),
                    @NamedParam(value = "maxAge", type = String.class),
                    @NamedParam(value = "secure", type = Boolean.class),
                    @NamedParam(value = "httpOnly", type = Boolean.class),
                    @NamedParam(value = "sameSite", type = String.class),
                    @NamedParam(value = "path", type = String.class),
                    @NamedParam(value = "domain", type = String.class)
                }) Map<String, ?> options);

    /** Sticky by the client's address: {@code sticky 'client-ip'}. */
    @Usage("sticky 'client-ip'")
    void sticky(String key);

    /** Sticky by the client's network: the first {@code ipv4} bits of an IPv4 address, {@code ipv6} of an IPv6 one. */
    @Usage("sticky 'client-ip', ipv4: 24, ipv6: 64")
    void sticky(@NamedParams({
                    @NamedParam(value = "ipv4", type = Integer.class),
                    @NamedParam(value = "ipv6", type = Integer.class)
                }) Map<String, ?> options, String key);

    /** Where a sticky pool keeps its pins: a session store by plugin id; {@code memory} when never called. */
    @Usage("sessions 'memory'")
    void sessions(String store);

    /** Same, with options for the store; {@code ttl} (default 1h) is how long an unused pin is kept. */
    @Usage("sessions 'redis', uri: 'redis://127.0.0.1:6379', ttl: '1h'")
    void sessions(Map<String, ?> options, String store);
}
