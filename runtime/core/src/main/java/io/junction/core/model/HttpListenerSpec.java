package io.junction.core.model;

import java.util.List;

/**
 * An HTTP (L7) listener: its routes in match order, and the route taken when none matches (a route
 * without matchers). With {@code tls} it is an https listener (declared with {@code https(...)}): same routes,
 * TLS terminated with its certificates; {@code null} for plain HTTP. With {@code h2c} a plain listener also speaks
 * HTTP/2 in cleartext (prior knowledge or an h2c upgrade); off by default, as a front rarely needs it.
 * {@code forwarding}: whom it trusts for the client address, and what the backend receives besides the request.
 * {@code accessLog} says which of its requests the access log writes. {@code limits}: its own client-side limits,
 * {@link HttpLimits#NONE} where the settings apply.
 */
public record HttpListenerSpec(String name, String bindAddress, int port, List<RouteSpec> routes,
                               RouteSpec otherwise, SourceLocation location, TlsSpec tls, boolean h2c,
                               ForwardingSpec forwarding, AccessLogSampling accessLog, HttpLimits limits)
        implements ListenerSpec {

    /** What a listener does when no route matches and the script has no {@code otherwise}. */
    public static final RouteSpec NO_ROUTE =
            RouteSpec.catchAll(new Action.Respond(404, "no route\n", SourceLocation.UNKNOWN), SourceLocation.UNKNOWN);

    public HttpListenerSpec {
        ListenerSpec.requirePort(name, port);
        routes = List.copyOf(routes);
        forwarding = forwarding == null ? ForwardingSpec.DEFAULTS : forwarding;
        accessLog = accessLog == null ? AccessLogSampling.ALL : accessLog;
        limits = limits == null ? HttpLimits.NONE : limits;
        if (h2c && tls != null) {
            throw new InvalidSpecException("h2c is for plain http listeners; https offers HTTP/2 by ALPN (h2: true)");
        }
    }

    /** A plain HTTP/1.1 listener. */
    public HttpListenerSpec(String name, String bindAddress, int port, List<RouteSpec> routes, RouteSpec otherwise,
                            SourceLocation location) {
        this(name, bindAddress, port, routes, otherwise, location, null, false, ForwardingSpec.DEFAULTS, AccessLogSampling.ALL,
                HttpLimits.NONE);
    }

    public boolean isHttps() {
        return tls != null;
    }
}
