package io.junction.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.transform.NamedParam;
import groovy.transform.NamedParams;

import java.util.List;
import java.util.Map;

/** The words inside {@code http('name', port: ...) { ... }}. Routes are tried in declaration order. */
public interface HttpListenerDsl {

    /**
     * A route matching every condition given (none: every request). {@code host}: exact, {@code *.suffix}, or a list;
     * {@code path}: a prefix on segment boundaries, or a glob with {@code *} and {@code **}; {@code exactPath};
     * {@code pathRegex} (named groups are captured); {@code method}: one or a list; {@code header}, {@code cookie},
     * {@code query}: a name (present) or a map of name to text (equals), {@code ~/regex/}, {@code true} (present)
     * or {@code false} (absent); {@code client}: CIDR blocks; {@code when}: a block over the request;
     * {@code any}/{@code all}: lists of such maps, {@code not}: one map.
     */
    @Usage("route(host: 'shop.example.com', path: '/api/**') { forward 'pool' }")
    void route(@NamedParams({
                   @NamedParam(value = "host", type = Object.class),
                   @NamedParam(value = "path", type = String.class),
                   @NamedParam(value = "exactPath", type = String.class),
                   @NamedParam(value = "pathRegex", type = Object.class),
                   @NamedParam(value = "method", type = Object.class),
                   @NamedParam(value = "header", type = Object.class),
                   @NamedParam(value = "cookie", type = Object.class),
                   @NamedParam(value = "query", type = Object.class),
                   @NamedParam(value = "client", type = Object.class),
                   @NamedParam(value = "when", type = Closure.class),
                   @NamedParam(value = "any", type = List.class),
                   @NamedParam(value = "all", type = List.class),
                   @NamedParam(value = "not", type = Map.class)
               }) Map<String, ?> match,
               @DelegatesTo(value = RouteDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body);

    /** A route matching every request. */
    @Usage("route { forward 'pool' }")
    void route(@DelegatesTo(value = RouteDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body);

    /** What to do when no route matches; without it the listener answers 404. */
    @Usage("otherwise { respond 404, 'no route' }")
    void otherwise(@DelegatesTo(value = RouteDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body);
}
