package io.junction.server.admin;

import io.junction.core.model.BackendSpec;
import io.junction.core.model.Config;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.ListenerSpec;
import io.junction.core.model.Matcher;
import io.junction.core.model.PoolSpec;
import io.junction.core.model.RouteSpec;
import io.junction.core.model.TcpListenerSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A configuration as an operator compares two of them: each listener's kind and address, its routes in order,
 * each pool's settings and its backends, as short texts without source locations (a line that moves changes
 * nothing). {@code GET /api/config} answers the running one; {@code junction diff} builds one from a conf.d and
 * compares them with {@link ConfigDiff}.
 *
 * @param listeners name -> {@code http 0.0.0.0:8080}
 * @param routes    listener name -> {@code path /api -> forward 'api'}, in match order
 * @param pools     name -> strategy and settings
 * @param backends  pool name -> backend address -> weight and mode
 * @param balancing pool name -> what its balancer is built from, for {@link KeyMovement}
 */
public record ConfigOutline(Map<String, String> listeners, Map<String, List<String>> routes, Map<String, String> pools,
                            Map<String, Map<String, String>> backends, Map<String, Balancing> balancing) {

    /**
     * What a pool's balancer is built from: its strategy, the strategy's options and each backend's weight.
     *
     * @param weights backend id ({@code http://127.0.0.1:9001}) -> weight, in script order
     */
    public record Balancing(String strategy, Map<String, String> options, Map<String, Integer> weights) {
    }

    public static ConfigOutline of(Config config) {
        Map<String, String> listeners = new LinkedHashMap<>();
        Map<String, List<String>> routes = new LinkedHashMap<>();
        for (ListenerSpec listener : config.listeners()) {
            String kind = listener instanceof HttpListenerSpec ? "http " : "tcp ";
            listeners.put(listener.name(), kind + listener.bindAddress() + ":" + listener.port());
            routes.put(listener.name(), routes(listener));
        }
        Map<String, String> pools = new LinkedHashMap<>();
        Map<String, Map<String, String>> backends = new LinkedHashMap<>();
        Map<String, Balancing> balancing = new LinkedHashMap<>();
        for (PoolSpec pool : config.pools().values()) {
            pools.put(pool.name(), settings(pool));
            Map<String, String> members = new LinkedHashMap<>();
            Map<String, Integer> weights = new LinkedHashMap<>();
            pool.backends().forEach(backend -> {
                members.put(MetricLabels.backend(backend), member(backend));
                weights.put(backend.id(), backend.weight());
            });
            backends.put(pool.name(), members);
            balancing.put(pool.name(), new Balancing(pool.strategy(), pool.strategyOptions(), weights));
        }
        return new ConfigOutline(listeners, routes, pools, backends, balancing);
    }

    /** How the status API and the diff write what a route matches. */
    static String match(RouteSpec route) {
        return route.matchers().isEmpty() ? "otherwise"
                : route.matchers().stream().map(ConfigOutline::matcher).collect(Collectors.joining(", "));
    }

    private static List<String> routes(ListenerSpec listener) {
        List<String> routes = new ArrayList<>();
        if (listener instanceof HttpListenerSpec http) {
            http.routes().forEach(route -> routes.add(route(route)));
            routes.add(route(http.otherwise() != null ? http.otherwise() : HttpListenerSpec.NO_ROUTE));
        } else {
            TcpListenerSpec tcp = (TcpListenerSpec) listener;
            tcp.routes().forEach(route -> routes.add(route(route)));
            if (tcp.forward() != null) {
                routes.add("otherwise -> " + tcp.forward().describe());
            }
        }
        return routes;
    }

    private static String route(RouteSpec route) {
        return match(route) + " -> " + route.action().describe();
    }

    private static String matcher(Matcher matcher) {
        if (matcher instanceof Matcher.Host host) {
            return "host " + host.pattern();
        }
        if (matcher instanceof Matcher.PathPrefix path) {
            return "path " + path.pattern();
        }
        return matcher.describe();
    }

    private static String settings(PoolSpec pool) {
        return "strategy " + pool.strategy() + (pool.strategyOptions().isEmpty() ? "" : " " + pool.strategyOptions())
                + ", " + pool.timeouts() + ", health " + pool.health() + ", " + pool.ejection() + ", " + pool.retries()
                + ", " + pool.allDown();
    }

    private static String member(BackendSpec backend) {
        return "weight " + backend.weight() + ", " + backend.mode().name().toLowerCase(java.util.Locale.ROOT);
    }
}
