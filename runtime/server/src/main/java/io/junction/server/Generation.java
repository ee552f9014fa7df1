package io.junction.server;

import com.codahale.metrics.MetricRegistry;
import io.junction.api.BalancingStrategy;
import io.junction.core.check.ConfigException;
import io.junction.core.check.ConfigProblem;
import io.junction.core.model.Action;
import io.junction.core.model.Config;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.PoolSpec;
import io.junction.core.forward.UpstreamPolicy;
import io.junction.core.pool.BackendStates;
import io.junction.core.pool.LeaseListener;
import io.junction.core.pool.Pool;
import io.junction.core.routing.RouteTable;
import io.junction.server.config.JunctionSettings;
import io.junction.server.http.ConnectionCloseHandler;
import io.junction.server.http.ProxyHeadersHandler;
import io.junction.server.http.RequestBodyLimitHandler;
import io.junction.server.http.RequestMetricsHandler;
import io.junction.server.http.RespondHandler;
import io.junction.server.http.RoutingHandler;
import io.junction.server.logging.AccessLog;
import io.junction.server.logging.AccessLogHandler;
import io.junction.server.metrics.BackendMetrics;
import io.junction.server.metrics.MetricNames;
import io.junction.server.metrics.Timers;
import io.junction.server.plugins.PluginSet;
import io.junction.server.proxy.BackendConnections;
import io.junction.server.proxy.Deadlines;
import io.junction.server.proxy.PoolProxyClient;
import io.undertow.predicate.Predicates;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.proxy.ProxyHandler;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything one configuration serves with: the handler chain of each listener and the pools they
 * forward to, built beside the running generation and swapped in whole. Never mutated once built.
 */
final class Generation {

    private final long number;
    private final Config config;
    private final PluginSet plugins;
    private final Map<String, HttpHandler> listenerHandlers;

    private Generation(long number, Config config, PluginSet plugins, Map<String, HttpHandler> listenerHandlers) {
        this.number = number;
        this.config = config;
        this.plugins = plugins;
        this.listenerHandlers = listenerHandlers;
    }

    /** Shared, long-lived parts a generation is built from. */
    record Parts(JunctionSettings settings, MetricRegistry metrics, BackendMetrics backendMetrics, BackendStates backendStates,
                 BackendConnections connections, Deadlines deadlines, AccessLog accessLog) {
    }

    static Generation build(long number, Config config, PluginSet plugins, Parts parts) throws ConfigException {
        Map<String, HttpHandler> forwarders = new LinkedHashMap<>();
        for (PoolSpec spec : config.pools().values()) {
            LeaseListener metrics = parts.backendMetrics().listenerFor(spec, parts.backendStates());
            forwarders.put(spec.name(), forwarder(pool(spec, plugins, parts.backendStates(), metrics), parts));
        }
        Map<String, HttpHandler> handlers = new LinkedHashMap<>();
        for (HttpListenerSpec listener : config.listeners(HttpListenerSpec.class)) {
            RouteTable<HttpHandler> routes = RouteTable.compile(listener, route -> handlerFor(route.action(), forwarders));
            HttpHandler chain = new ConnectionCloseHandler(new RoutingHandler(routes));
            long bodyLimit = parts.settings().http().maxRequestBody();
            if (bodyLimit > 0) {
                chain = new RequestBodyLimitHandler(bodyLimit, chain);
            }
            handlers.put(listener.name(), new AccessLogHandler(listener.name(), parts.accessLog(), new RequestMetricsHandler(
                    Timers.timer(parts.metrics(), MetricNames.listenerRequests(listener.name())),
                    parts.metrics().meter(MetricNames.listenerErrors(listener.name())),
                    chain)));
        }
        return new Generation(number, config, plugins, Map.copyOf(handlers));
    }

    private static HttpHandler handlerFor(Action action, Map<String, HttpHandler> forwarders) {
        if (action instanceof Action.Forward forward) {
            return forwarders.get(forward.pool());
        }
        Action.Respond respond = (Action.Respond) action;
        return new RespondHandler(respond.status(), respond.body());
    }

    private static Pool pool(PoolSpec spec, PluginSet plugins, BackendStates states, LeaseListener listener) throws ConfigException {
        BalancingStrategy strategy = plugins.catalog().get(BalancingStrategy.class, spec.strategy());
        try {
            return new Pool(spec, states, strategy, listener);
        } catch (RuntimeException e) {
            throw new ConfigException(List.of(new ConfigProblem(spec.location(),
                    "pool '" + spec.name() + "': strategy '" + spec.strategy() + "' refused the pool: " + e.getMessage())));
        }
    }

    private static HttpHandler forwarder(Pool pool, Parts parts) {
        JunctionSettings.Upstream upstream = parts.settings().upstream();
        PoolSpec.Timeouts timeouts = pool.spec().timeouts();
        UpstreamPolicy policy = new UpstreamPolicy(
                orDefault(timeouts.connect(), upstream.connectTimeout()),
                orDefault(timeouts.response(), upstream.responseTimeout()),
                upstream.connectRetries());
        ProxyHandler proxy = ProxyHandler.builder()
                .setProxyClient(new PoolProxyClient(pool, parts.connections(), parts.deadlines(), policy))
                .setMaxRequestTime(-1)
                // a request already sent is never sent again: PoolProxyClient turns the failure into a 502
                .setMaxConnectionRetries(0)
                .setIdempotentRequestPredicate(Predicates.truePredicate())
                .setRewriteHostHeader(false)
                .setReuseXForwarded(false)
                .build();
        return new ProxyHeadersHandler(proxy);
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }

    long number() {
        return number;
    }

    Config config() {
        return config;
    }

    PluginSet plugins() {
        return plugins;
    }

    HttpHandler handler(String listenerName) {
        return listenerHandlers.get(listenerName);
    }

    Set<String> backendIds() {
        return config.pools().values().stream()
                .flatMap(pool -> pool.backends().stream())
                .map(backend -> backend.id())
                .collect(Collectors.toUnmodifiableSet());
    }
}
