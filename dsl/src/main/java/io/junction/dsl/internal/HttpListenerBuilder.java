package io.junction.dsl.internal;

import groovy.lang.Closure;
import io.junction.core.model.ForwardingSpec;
import io.junction.core.model.AccessLogSampling;
import io.junction.core.model.HttpLimits;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.Matcher;
import io.junction.core.model.RouteSpec;
import io.junction.core.model.SourceLocation;
import io.junction.core.model.TlsSpec;
import io.junction.dsl.HttpListenerDsl;
import io.junction.dsl.RouteDsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The spec object behind one {@code http('name', port: ...) { ... }} block. */
class HttpListenerBuilder implements HttpListenerDsl {

    private final ConfigBuilder config;
    private final String name;
    private final String bindAddress;
    private final int port;
    private final SourceLocation location;
    private final ForwardingSpec forwarding;
    private final AccessLogSampling accessLog;
    private final HttpLimits limits;
    private final List<RouteSpec> routes = new ArrayList<>();
    private final SetOnce otherwiseOnce = new SetOnce("a listener takes one otherwise");
    private RouteSpec otherwise = HttpListenerSpec.NO_ROUTE;

    /** @param forwarding null when the script got it wrong (reported; the listener is then not built) */
    HttpListenerBuilder(ConfigBuilder config, String name, String bindAddress, int port, SourceLocation location,
                        ForwardingSpec forwarding, AccessLogSampling accessLog, HttpLimits limits) {
        this.config = config;
        this.name = name;
        this.bindAddress = bindAddress;
        this.port = port;
        this.location = location;
        this.forwarding = forwarding;
        this.accessLog = accessLog;
        this.limits = limits;
    }

    @Override
    public void route(Map<String, ?> match, Closure<?> body) {
        SourceLocation at = config.callSite(this, "route");
        List<Matcher> matchers = new MatcherArgs(config, at).matchers("route", match);
        block("route", at, body).build(matchers).ifPresent(routes::add);
    }

    @Override
    public void route(Closure<?> body) {
        route(Map.of(), body);
    }

    @Override
    public void otherwise(Closure<?> body) {
        SourceLocation at = config.callSite(this, "otherwise");
        boolean first = otherwiseOnce.claim("otherwise", at, config);
        // the block still runs when it is a duplicate, so the mistakes inside it are reported too
        block("otherwise", at, body).build(List.of()).filter(route -> first).ifPresent(route -> otherwise = route);
    }

    /** A plain listener, with HTTP/2 in cleartext or not. */
    HttpListenerSpec build(boolean h2c) {
        return spec().h2c(h2c).build();
    }

    HttpListenerSpec build(TlsSpec tls) {
        return spec().tls(tls).build();
    }

    private HttpListenerSpec.Builder spec() {
        return HttpListenerSpec.builder(name, port).bindAddress(bindAddress).routes(routes).otherwise(otherwise)
                .location(location).forwarding(forwarding).accessLog(accessLog).limits(limits);
    }

    private RouteBuilder block(String word, SourceLocation at, Closure<?> body) {
        RouteBuilder route = new RouteBuilder(config, word, at);
        config.runBlock(route, RouteDsl.class, word.equals("route") ? "a route block" : "an otherwise block", body);
        return route;
    }
}
