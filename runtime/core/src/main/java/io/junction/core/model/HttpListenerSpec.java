package io.junction.core.model;

import java.util.List;

/**
 * An HTTP (L7) listener: its routes in match order, and the route taken when none matches (a route
 * without matchers). With {@code tls} it is an https listener (declared with {@code https(...)}): same routes,
 * TLS terminated with its certificates; {@code null} for plain HTTP. With {@code h2c} a plain listener also speaks
 * HTTP/2 in cleartext (prior knowledge or an h2c upgrade); off by default, as a front rarely needs it.
 * {@code forwarding}: whom it trusts for the client address, and what the backend receives besides the request.
 * {@code accessLog} says which of its requests the access log writes. {@code limits}: its own client-side limits,
 * {@link HttpLimits#NONE} where the settings apply. Built with {@link #builder}.
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

    public static Builder builder(String name, int port) {
        return new Builder(name, port);
    }

    public boolean isHttps() {
        return tls != null;
    }

    /**
     * Defaults: bound to {@link ListenerSpec#DEFAULT_BIND_ADDRESS}, no routes, {@link #NO_ROUTE} otherwise, plain
     * HTTP/1.1; forwarding, access log and limits as the record defaults them.
     */
    public static final class Builder {

        private final String name;
        private final int port;
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private List<RouteSpec> routes = List.of();
        private RouteSpec otherwise = NO_ROUTE;
        private SourceLocation location = SourceLocation.UNKNOWN;
        private TlsSpec tls;
        private boolean h2c;
        private ForwardingSpec forwarding;
        private AccessLogSampling accessLog;
        private HttpLimits limits;

        private Builder(String name, int port) {
            this.name = name;
            this.port = port;
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        public Builder routes(List<RouteSpec> routes) {
            this.routes = routes;
            return this;
        }

        public Builder otherwise(RouteSpec otherwise) {
            this.otherwise = otherwise;
            return this;
        }

        public Builder location(SourceLocation location) {
            this.location = location;
            return this;
        }

        /** Makes it an https listener. */
        public Builder tls(TlsSpec tls) {
            this.tls = tls;
            return this;
        }

        public Builder h2c(boolean h2c) {
            this.h2c = h2c;
            return this;
        }

        public Builder forwarding(ForwardingSpec forwarding) {
            this.forwarding = forwarding;
            return this;
        }

        public Builder accessLog(AccessLogSampling accessLog) {
            this.accessLog = accessLog;
            return this;
        }

        public Builder limits(HttpLimits limits) {
            this.limits = limits;
            return this;
        }

        public HttpListenerSpec build() {
            return new HttpListenerSpec(name, bindAddress, port, routes, otherwise, location, tls, h2c, forwarding,
                    accessLog, limits);
        }
    }
}
