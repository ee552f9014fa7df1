package io.junction.dsl.internal;

import groovy.lang.Closure;
import io.junction.core.model.Action;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.Matcher;
import io.junction.core.model.RoutePolicy;
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
    private final List<RouteSpec> routes = new ArrayList<>();
    private final SetOnce otherwiseOnce = new SetOnce("a listener takes one otherwise");
    private RouteSpec otherwise = HttpListenerSpec.NO_ROUTE;

    HttpListenerBuilder(ConfigBuilder config, String name, String bindAddress, int port, SourceLocation location) {
        this.config = config;
        this.name = name;
        this.bindAddress = bindAddress;
        this.port = port;
        this.location = location;
    }

    @Override
    public void route(Map<String, ?> match, Closure<?> body) {
        SourceLocation at = config.callSite(this, "route");
        NamedArgs args = NamedArgs.of(config, at, "route", match, "host", "path");
        List<Matcher> matchers = new ArrayList<>();
        Optional.ofNullable(args.text("host")).flatMap(host -> config.accepted(at, () -> new Matcher.Host(host)))
                .ifPresent(matchers::add);
        Optional.ofNullable(args.text("path")).flatMap(path -> config.accepted(at, () -> new Matcher.PathPrefix(path)))
                .ifPresent(matchers::add);
        action("route", at, body).ifPresent(action ->
                routes.add(new RouteSpec(matchers, List.of(), action, RoutePolicy.DEFAULTS, at)));
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
        action("otherwise", at, body).filter(action -> first).ifPresent(action -> otherwise = RouteSpec.catchAll(action, at));
    }

    HttpListenerSpec build() {
        return build(null);
    }

    /** @param tls null for plain HTTP */
    HttpListenerSpec build(TlsSpec tls) {
        return new HttpListenerSpec(name, bindAddress, port, routes, otherwise, location, tls);
    }

    private Optional<Action> action(String word, SourceLocation at, Closure<?> body) {
        RouteBuilder route = new RouteBuilder(config, word, at);
        config.runBlock(route, RouteDsl.class, word.equals("route") ? "a route block" : "an otherwise block", body);
        return route.action();
    }
}
