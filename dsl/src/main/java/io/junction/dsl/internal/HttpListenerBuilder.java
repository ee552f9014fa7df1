package io.junction.dsl.internal;

import groovy.lang.Closure;
import io.junction.core.model.Action;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.RouteSpec;
import io.junction.core.model.SourceLocation;
import io.junction.dsl.HttpListenerDsl;
import io.junction.dsl.RouteDsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The spec object behind one {@code http('name', port: ...) { ... }} block. */
final class HttpListenerBuilder implements HttpListenerDsl {

    /** A host name without port or path, optionally starting with the "*." wildcard, or "*" alone. */
    private static final Pattern HOST = Pattern.compile("\\*|(\\*\\.)?[^*/:\\s]+");

    private final ConfigBuilder config;
    private final String name;
    private final String bindAddress;
    private final int port;
    private final SourceLocation location;
    private final List<RouteSpec> routes = new ArrayList<>();
    private final SetOnce otherwiseOnce = new SetOnce("a listener takes one otherwise");
    private Action otherwise = HttpListenerSpec.NO_ROUTE;

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
        String host = args.text("host");
        String path = Optional.ofNullable(args.text("path")).orElse("/");
        checkHost(host, at);
        checkPath(path, at);
        action("route", at, body).ifPresent(action -> routes.add(new RouteSpec(host, path, action, at)));
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
        action("otherwise", at, body).filter(action -> first).ifPresent(action -> otherwise = action);
    }

    HttpListenerSpec build() {
        return new HttpListenerSpec(name, bindAddress, port, routes, otherwise, location);
    }

    private Optional<Action> action(String word, SourceLocation at, Closure<?> body) {
        RouteBuilder route = new RouteBuilder(config, word, at);
        config.runBlock(route, RouteDsl.class, word.equals("route") ? "a route block" : "an otherwise block", body);
        return route.action();
    }

    private void checkHost(String host, SourceLocation at) {
        if (host != null && !HOST.matcher(host).matches()) {
            config.problem(at, "route host '" + host + "' is not a host name: write it without port or path, "
                    + "e.g. shop.example.com, or *.example.com for every subdomain");
        }
    }

    private void checkPath(String path, SourceLocation at) {
        if (!path.startsWith("/")) {
            config.problem(at, "route path '" + path + "' must start with '/'");
        } else if (path.replaceFirst("/\\*\\*$", "").contains("*")) {
            // PathPrefix would take any other '*' literally, which is never what was meant
            config.problem(at, "route path '" + path + "': '*' is only allowed as a trailing /**, "
                    + "meaning the path and everything below it");
        }
    }
}
