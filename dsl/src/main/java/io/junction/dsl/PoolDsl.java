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

    /** Adds a backend with a relative weight (a whole number, at least 1). */
    @Usage("backend 'http://host:port', weight: 2")
    void backend(@NamedParams(@NamedParam(value = "weight", type = Integer.class)) Map<String, ?> options, String uri);

    /** Upstream timeouts such as {@code 250ms}, {@code 1s}, {@code 2m}; omitted ones use the process default. */
    @Usage("timeouts connect: '1s', response: '15s'")
    void timeouts(@NamedParams({
                      @NamedParam(value = "connect", type = String.class),
                      @NamedParam(value = "response", type = String.class)
                  }) Map<String, ?> durations);
}
