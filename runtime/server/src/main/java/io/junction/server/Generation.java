package io.junction.server;

import com.codahale.metrics.MetricRegistry;
import io.junction.api.BalancingStrategy;
import io.junction.core.edit.ForwardingFields;
import io.junction.core.affinity.Affinity;
import io.junction.core.affinity.SessionSigner;
import io.junction.core.affinity.StoreFailures;
import io.junction.core.check.ConfigException;
import io.junction.core.check.ConfigProblem;
import io.junction.core.model.Config;
import io.junction.core.model.HttpLimits;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.PoolSpec;
import io.junction.core.model.RoutePolicy;
import io.junction.core.model.TcpListenerSpec;
import io.junction.core.model.UndertowOnly;
import io.junction.core.forward.UpstreamPolicy;
import io.junction.core.pool.BackendStates;
import io.junction.core.pool.LeaseListener;
import io.junction.core.pool.Pool;
import io.junction.core.routing.PredicateFailures;
import io.junction.core.routing.RouteTable;
import io.junction.server.config.JunctionSettings;
import io.junction.server.engine.EngineRoutes;
import io.junction.server.engine.RouteAction;
import io.junction.server.engine.RouteActions;
import io.junction.server.http.ConnectionCloseHandler;
import io.junction.server.http.ForwardingHandler;
import io.junction.server.http.NormalizedPathHandler;
import io.junction.server.http.RequestBodyLimitHandler;
import io.junction.server.http.RequestMetricsHandler;
import io.junction.server.http.RequestsPerConnectionHandler;
import io.junction.server.http.RouteHandlers;
import io.junction.server.http.StrictRequestHandler;
import io.junction.server.http.RoutingHandler;
import io.junction.server.logging.AccessLog;
import io.junction.server.logging.AccessLogHandler;
import io.junction.server.logging.PredicateFailureLog;
import io.junction.server.logging.SampledAccessLog;
import io.junction.server.metrics.BackendMetrics;
import io.junction.server.metrics.MetricNames;
import io.junction.server.metrics.Timers;
import io.junction.server.plugins.PluginSet;
import io.junction.server.proxy.BackendLinks;
import io.junction.server.proxy.Deadlines;
import io.junction.server.proxy.ExchangeForwarder;
import io.junction.server.sessions.SessionStores;
import io.junction.server.tcp.TcpForwarding;
import io.undertow.server.HttpHandler;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
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
    /** The own engine's routes per listener, when it serves them (else empty). */
    private final Map<String, EngineRoutes> listenerRoutes;
    private final Map<String, TcpForwarding> tcpForwardings;
    /** The session stores its sticky pools use. */
    private final Set<SessionStores.Key> stores;

    private Generation(long number, Config config, PluginSet plugins, Map<String, HttpHandler> listenerHandlers,
                       Map<String, EngineRoutes> listenerRoutes, Map<String, TcpForwarding> tcpForwardings,
                       Set<SessionStores.Key> stores) {
        this.number = number;
        this.config = config;
        this.plugins = plugins;
        this.listenerHandlers = listenerHandlers;
        this.listenerRoutes = listenerRoutes;
        this.tcpForwardings = tcpForwardings;
        this.stores = stores;
    }

    /** Shared, long-lived parts a generation is built from. */
    record Parts(JunctionSettings settings, MetricRegistry metrics, BackendMetrics backendMetrics, BackendStates backendStates,
                 BackendLinks connections, Deadlines deadlines, AccessLog accessLog,
                 SessionStores sessionStores, Supplier<SessionSigner> signer, StoreFailures storeFailures) {
    }

    static Generation build(long number, Config config, PluginSet plugins, Parts parts) throws ConfigException {
        Map<String, Pool> pools = new LinkedHashMap<>();
        Set<SessionStores.Key> stores = new HashSet<>();
        for (PoolSpec spec : config.pools().values()) {
            LeaseListener metrics = parts.backendMetrics().listenerFor(spec, parts.backendStates());
            Function<Pool, Affinity> affinity = pool -> null;
            if (spec.affinity() != null) {
                SessionStores.Opened store = parts.sessionStores().open(spec, plugins);
                stores.add(store.key());
                affinity = pool -> new Affinity(pool, store.sessions(), parts.signer().get(), parts.storeFailures());
            }
            pools.put(spec.name(), pool(spec, plugins, parts.backendStates(), metrics, affinity));
        }
        Map<String, TcpForwarding> tcpForwardings = new LinkedHashMap<>();
        for (TcpListenerSpec listener : config.listeners(TcpListenerSpec.class)) {
            tcpForwardings.put(listener.name(), TcpForwarding.of(listener, pools::get, pool -> policy(pool, parts)));
        }
        boolean own = parts.settings().http().engine() == JunctionSettings.Engine.OWN;
        PredicateFailures predicateFailures = new PredicateFailureLog(parts.metrics());
        Map<String, EngineRoutes> engineRoutes = own ? engineRoutes(config, pools, parts, predicateFailures) : Map.of();
        Map<String, HttpHandler> forwarders = new LinkedHashMap<>();
        pools.forEach((name, pool) -> forwarders.put(name, forwarder(pool, parts, RoutePolicy.DEFAULTS)));
        Map<String, HttpHandler> handlers = new LinkedHashMap<>();
        // https listeners (and the others UndertowOnly names) are served by Undertow on either engine
        for (HttpListenerSpec listener : config.listeners(HttpListenerSpec.class).stream()
                .filter(l -> !own || UndertowOnly.serves(l, config)).toList()) {
            // a route with timeouts of its own gets forwarders of its own
            RouteTable<HttpHandler> routes = RouteTable.compile(listener, route -> RouteHandlers.of(route,
                    pool -> !route.policy().ownsUpstream() ? forwarders.get(pool) : forwarder(pools.get(pool), parts, route.policy())),
                    predicateFailures);
            HttpLimits limits = parts.settings().http().limitsOf(listener);
            HttpHandler chain = RequestsPerConnectionHandler.of(limits, new ConnectionCloseHandler(new RoutingHandler(routes)));
            long bodyLimit = limits.maxRequestBody();
            if (bodyLimit > 0) {
                chain = new RequestBodyLimitHandler(bodyLimit, chain);
            }
            handlers.put(listener.name(), new AccessLogHandler(listener.name(), accessLog(listener, parts), new RequestMetricsHandler(
                    Timers.timer(parts.metrics(), MetricNames.listenerRequests(listener.name())),
                    parts.metrics().meter(MetricNames.listenerErrors(listener.name())),
                    new StrictRequestHandler(new ForwardingHandler(listener.forwarding(), new NormalizedPathHandler(chain)),
                            JunctionSettings.Http.headLimits(limits)))));
        }
        return new Generation(number, config, plugins, Map.copyOf(handlers), engineRoutes, Map.copyOf(tcpForwardings), Set.copyOf(stores));
    }

    /** Per listener: its routes resolved to the own engine's actions, its timer, 5xx meter and body limit. */
    private static Map<String, EngineRoutes> engineRoutes(Config config, Map<String, Pool> pools, Parts parts,
                                                          PredicateFailures predicateFailures) {
        Map<String, EngineRoutes> routes = new LinkedHashMap<>();
        for (HttpListenerSpec listener : config.listeners(HttpListenerSpec.class).stream()
                .filter(l -> !UndertowOnly.serves(l, config)).toList()) {
            RouteTable<RouteAction> table = RouteTable.compile(listener,
                    route -> RouteActions.of(route, pools::get, pool -> policy(pool, parts, route.policy())), predicateFailures);
            routes.put(listener.name(), new EngineRoutes(table,
                    Timers.timer(parts.metrics(), MetricNames.listenerRequests(listener.name())),
                    parts.metrics().meter(MetricNames.listenerErrors(listener.name())),
                    parts.settings().http().limitsOf(listener), accessLog(listener, parts), new ForwardingFields(listener.forwarding()),
                    listener.forwarding().rawPath()));
        }
        return Map.copyOf(routes);
    }

    /** The access log as the listener's sampling sees it, on either engine. */
    private static AccessLog accessLog(HttpListenerSpec listener, Parts parts) {
        return SampledAccessLog.of(parts.accessLog(), listener.accessLog(),
                () -> parts.metrics().counter(MetricNames.listenerAccessLogSampledOut(listener.name())));
    }

    private static Pool pool(PoolSpec spec, PluginSet plugins, BackendStates states, LeaseListener listener,
                             Function<Pool, Affinity> affinity) throws ConfigException {
        BalancingStrategy strategy = plugins.catalog().get(BalancingStrategy.class, spec.strategy());
        try {
            return new Pool(spec, states, strategy, listener, affinity);
        } catch (RuntimeException e) {
            throw new ConfigException(List.of(new ConfigProblem(spec.location(),
                    "pool '" + spec.name() + "': strategy '" + spec.strategy() + "' refused the pool: " + e.getMessage())));
        }
    }

    private static UpstreamPolicy policy(Pool pool, Parts parts) {
        return policy(pool, parts, RoutePolicy.DEFAULTS);
    }

    /** The route's timeouts, connect retries, retry and total timeout, else the pool's, else the process defaults. */
    private static UpstreamPolicy policy(Pool pool, Parts parts, RoutePolicy route) {
        JunctionSettings.Upstream upstream = parts.settings().upstream();
        PoolSpec.Timeouts timeouts = pool.spec().timeouts();
        return new UpstreamPolicy(
                orDefault(route.timeouts().connect(), orDefault(timeouts.connect(), upstream.connectTimeout())),
                orDefault(route.timeouts().response(), orDefault(timeouts.response(), upstream.responseTimeout())),
                route.connectRetries() != null ? route.connectRetries() : upstream.connectRetries(),
                route.retry(), route.total());
    }

    private static HttpHandler forwarder(Pool pool, Parts parts, RoutePolicy route) {
        return new ExchangeForwarder(pool, policy(pool, parts, route), parts.connections(), parts.deadlines());
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

    EngineRoutes routes(String listenerName) {
        return listenerRoutes.get(listenerName);
    }

    TcpForwarding tcpForwarding(String listenerName) {
        return tcpForwardings.get(listenerName);
    }

    Set<SessionStores.Key> stores() {
        return stores;
    }

    Set<String> backendIds() {
        return config.pools().values().stream()
                .flatMap(pool -> pool.backends().stream())
                .map(backend -> backend.id())
                .collect(Collectors.toUnmodifiableSet());
    }
}
