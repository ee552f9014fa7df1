package io.junction.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.transform.NamedParam;
import groovy.transform.NamedParams;

import java.util.Map;

/** The words inside {@code http('name', port: ...) { ... }}. Routes are tried in declaration order. */
public interface HttpListenerDsl {

    /** A route matching a host (exact or {@code *.suffix}) and a path prefix; both optional. */
    @Usage("route(host: 'shop.example.com', path: '/api/**') { forward 'pool' }")
    void route(@NamedParams({
                   @NamedParam(value = "host", type = String.class),
                   @NamedParam(value = "path", type = String.class)
               }) Map<String, ?> match,
               @DelegatesTo(value = RouteDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body);

    /** A route matching every request. */
    @Usage("route { forward 'pool' }")
    void route(@DelegatesTo(value = RouteDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body);

    /** What to do when no route matches; without it the listener answers 404. */
    @Usage("otherwise { respond 404, 'no route' }")
    void otherwise(@DelegatesTo(value = RouteDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body);
}
