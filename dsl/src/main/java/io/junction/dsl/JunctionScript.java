package io.junction.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.transform.NamedParam;
import groovy.transform.NamedParams;

import java.util.Map;

/** The words at the top level of a routing script. */
public interface JunctionScript {

    /** Declares a pool of backends, usable by {@code forward} from any script. */
    @Usage("pool('name') { backend 'http://host:port' }")
    void pool(String name,
              @DelegatesTo(value = PoolDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body);

    /**
     * Declares an HTTP listener; {@code port} is required, 0 picks a free port. {@code trustedProxies}: peers whose
     * X-Forwarded-For names the client; {@code forwarded: true} adds an RFC 7239 Forwarded field; {@code rawPath: true}
     * sends the backend the path as received (routes still match the normalised one); {@code accessLog}: true, false
     * or {@code [sample: 0.1]} (4xx and 5xx always written); {@code h2c: true} also speaks HTTP/2 in cleartext (prior
     * knowledge or upgrade; served by Undertow's engine). See docs/hardening.md and docs/operations.md.
     */
    @Usage("http('name', port: 8080, bind: '0.0.0.0') { route(path: '/') { forward 'pool' } }")
    void http(@NamedParams({
                  @NamedParam(value = "port", type = Integer.class, required = true),
                  @NamedParam(value = "bind", type = String.class),
                  @NamedParam(value = "trustedProxies", type = Object.class),
                  @NamedParam(value = "forwarded", type = Boolean.class),
                  @NamedParam(value = "rawPath", type = Boolean.class),
                  @NamedParam(value = "accessLog", type = Object.class),
                  @NamedParam(value = "h2c", type = Boolean.class)
              }) Map<String, ?> options,
              String name,
              @DelegatesTo(value = HttpListenerDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body);

    /**
     * Declares an https listener: routes as in {@code http}, TLS terminated with its certificates (chosen by SNI;
     * the first is the default), HTTP/2 offered by ALPN unless {@code h2: false}.
     */
    @Usage("https('name', port: 8443, bind: '0.0.0.0', protocols: ['TLSv1.3', 'TLSv1.2'], ciphers: [...], h2: true, hsts: '365d') "
            + "{ certificate cert: 'site.pem', key: 'site.key'; route(path: '/') { forward 'pool' } }")
    void https(@NamedParams({
                   @NamedParam(value = "port", type = Integer.class, required = true),
                   @NamedParam(value = "bind", type = String.class),
                   @NamedParam(value = "protocols", type = java.util.List.class),
                   @NamedParam(value = "ciphers", type = java.util.List.class),
                   @NamedParam(value = "h2", type = Boolean.class),
                   @NamedParam(value = "hsts", type = String.class),
                   @NamedParam(value = "trustedProxies", type = Object.class),
                   @NamedParam(value = "forwarded", type = Boolean.class),
                   @NamedParam(value = "rawPath", type = Boolean.class),
                   @NamedParam(value = "accessLog", type = Object.class)
               }) Map<String, ?> options,
               String name,
               @DelegatesTo(value = HttpsListenerDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body);

    /** Declares a TCP listener that forwards each connection, bytes untouched, to a pool of tcp:// backends. */
    @Usage("tcp('name', port: 5432, bind: '0.0.0.0', idleTimeout: '10m', maxConnections: 10000, proxyProtocol: 'v2', acceptProxyFrom: ['10.0.0.0/8']) { forward 'pool' }")
    void tcp(@NamedParams({
                 @NamedParam(value = "port", type = Integer.class, required = true),
                 @NamedParam(value = "bind", type = String.class),
                 @NamedParam(value = "idleTimeout", type = String.class),
                 @NamedParam(value = "maxConnections", type = Integer.class),
                 @NamedParam(value = "proxyProtocol", type = String.class),
                 @NamedParam(value = "acceptProxyFrom", type = Object.class)
             }) Map<String, ?> options,
             String name,
             @DelegatesTo(value = TcpListenerDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body);
}
