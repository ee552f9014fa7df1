package io.junction.testkit;

import io.junction.core.action.RedirectLocation;
import io.junction.core.action.SplitChoice;
import io.junction.core.check.ConfigException;
import io.junction.core.check.ConfigValidator;
import io.junction.core.edit.PathEncoding;
import io.junction.core.edit.RequestEdits;
import io.junction.core.edit.ResponseEdits;
import io.junction.core.model.Action;
import io.junction.core.model.Config;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.PoolSpec;
import io.junction.core.model.RouteSpec;
import io.junction.core.routing.PredicateFailures;
import io.junction.core.routing.RouteMatch;
import io.junction.core.routing.RouteTable;
import io.junction.dsl.RoutingScripts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A conf dir compiled offline, as {@code bin/junction check} does but with any strategy id allowed, so
 * specs need no plugins. {@link #resolve} answers for the listener on the request URL's port, or for the
 * only http listener when the URL names no port.
 */
public final class Routes {

    /** The system property naming the conf dir {@link #load()} reads; {@code bin/junction test --conf} sets it. */
    public static final String CONF_PROPERTY = "junction.conf";

    private final Config config;

    private Routes(Config config) {
        this.config = config;
    }

    /** @throws ConfigException with every problem as {@code file:line:column: message} */
    public static Routes load(Path confDir) throws ConfigException {
        Config config = RoutingScripts.compile(confDir);
        // plugins are not loaded here: whatever strategy a pool names is taken to exist
        new ConfigValidator(config.pools().values().stream().map(PoolSpec::strategy).collect(Collectors.toSet()))
                .validate(config);
        return new Routes(config);
    }

    /** The conf dir of {@code bin/junction test --conf DIR}, else {@code conf.d}. */
    public static Routes load() throws ConfigException {
        return load(System.getProperty(CONF_PROPERTY, "conf.d"));
    }

    public static Routes load(String confDir) throws ConfigException {
        return load(Path.of(confDir));
    }

    /** What the listener the request is addressed to does with it. */
    public RouteDecision resolve(TestRequest request) {
        return resolve(listenerFor(request), request);
    }

    /** What the named http listener does with the request. */
    public RouteDecision resolve(String listener, TestRequest request) {
        HttpListenerSpec spec = config.listeners(HttpListenerSpec.class).stream()
                .filter(candidate -> candidate.name().equals(listener)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no http listener '" + listener + "'; listeners: " + names()));
        return resolve(spec, request);
    }

    public Config config() {
        return config;
    }

    private static RouteDecision resolve(HttpListenerSpec listener, TestRequest request) {
        List<String> passedOver = new ArrayList<>();
        RouteMatch<RouteSpec> match = RouteTable.compile(listener, spec -> spec, (threw, failure) -> passedOver.add(
                threw.location().file() + ":" + threw.location().line() + ": " + PredicateFailures.explain(failure))).resolve(request);
        RouteSpec route = match.target();
        Action action = route.action();
        String line = route.location().file() + ":" + route.location().line();
        String where = route == listener.otherwise() ? (route == HttpListenerSpec.NO_ROUTE ? "no route" : "otherwise at " + line) : line;
        if (action instanceof Action.Respond respond) {
            Map<String, List<String>> headers = respond.headers().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
            return new RouteDecision(where, "respond", null, null, null, Map.of(), headers, respond.status(), null, respond.body(), passedOver);
        }
        if (action instanceof Action.Redirect redirect) {
            String location = RedirectLocation.of(redirect, request, match.captures());
            return new RouteDecision(where, "redirect", null, null, null, Map.of(), Map.of("Location", List.of(location)),
                    redirect.status(), location, null, passedOver);
        }
        String pool = action instanceof Action.Split split ? new SplitChoice(split).pool(request) : ((Action.Forward) action).pool();
        HeaderMap requestHead = new HeaderMap(request.headers());
        RequestEdits.of(route.filters()).apply(request.path(), requestHead);
        HeaderMap responseHead = new HeaderMap(Map.of());
        ResponseEdits.of(route.filters()).apply(responseHead);
        String path = RequestEdits.of(route.filters()).rewrite(request.path());
        String encoded = requestHead.path() != null ? requestHead.path() : PathEncoding.encode(path);
        String target = request.query().isEmpty() ? encoded : encoded + "?" + request.query();
        return new RouteDecision(where, action instanceof Action.Split ? "split" : "forward", pool, path, target,
                requestHead.snapshot(), responseHead.snapshot(), 0, null, null, passedOver);
    }

    private HttpListenerSpec listenerFor(TestRequest request) {
        List<HttpListenerSpec> listeners = config.listeners(HttpListenerSpec.class);
        if (request.port() >= 0) {
            return listeners.stream().filter(listener -> listener.port() == request.port()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no http listener on port " + request.port()
                            + " for " + request + "; listeners: " + names()));
        }
        if (listeners.size() != 1) {
            throw new IllegalArgumentException(request + " names no port and there are " + listeners.size()
                    + " http listeners (" + names() + "): put the listener's port in the URL or use resolve('name', request)");
        }
        return listeners.get(0);
    }

    private String names() {
        return config.listeners(HttpListenerSpec.class).stream().map(l -> l.name() + " on " + l.port())
                .collect(Collectors.joining(", "));
    }
}
