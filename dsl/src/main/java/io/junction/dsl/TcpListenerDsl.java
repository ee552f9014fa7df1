package io.junction.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.transform.NamedParam;
import groovy.transform.NamedParams;

import java.util.Map;

/**
 * The words inside {@code tcp('name', port: ...) { ... }}: {@code forward} sends every connection to one pool; with
 * routes, the TLS server name the client asks for picks the pool (TLS is not terminated) and {@code forward} takes
 * the connections no route matches.
 */
public interface TcpListenerDsl extends TcpRouteDsl {

    /** Connections whose TLS ClientHello names this server (exact or {@code *.suffix}) go to the route's pool. */
    @Usage("route(sni: 'db.example.com') { forward 'pool' }")
    void route(@NamedParams({
                   @NamedParam(value = "sni", type = String.class, required = true)
               }) Map<String, ?> match,
               @DelegatesTo(value = TcpRouteDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body);
}
