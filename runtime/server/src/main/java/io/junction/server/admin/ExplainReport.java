package io.junction.server.admin;

import io.junction.core.model.HttpListenerSpec;
import io.junction.core.routing.Explanation;
import io.junction.core.routing.ListenerChoice;
import io.junction.core.routing.OfflineRequest;
import io.junction.core.routing.RouteTable;
import io.junction.server.JunctionServer;
import io.undertow.server.HttpServerExchange;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/explain?method=GET&url=http://host:port/path&header=Name:%20value&listener=name}: which route of the
 * serving generation a request takes, as {@code junction explain} shows it for conf.d.
 */
final class ExplainReport {

    private ExplainReport() {
    }

    static void send(HttpServerExchange exchange, JunctionServer server) {
        Map<String, Deque<String>> query = exchange.getQueryParameters();
        String url = first(query, "url");
        if (url == null) {
            Json.error(exchange, 400, "explain needs url=http://host/path (and method=GET, header=Name: value, listener=name)");
            return;
        }
        try {
            String method = first(query, "method");
            OfflineRequest request = OfflineRequest.of(method == null ? "GET" : method, url);
            for (String header : query.getOrDefault("header", new ArrayDeque<>())) {
                request = request.withHeaderLine(header);
            }
            HttpListenerSpec listener = ListenerChoice.choose(server.status().config(), first(query, "listener"),
                    URI.create(url).getPort(), spec -> server.port(spec.name()));
            Json.send(exchange, 200, body(listener, request, RouteTable.compile(listener, route -> route).explain(request)));
        } catch (IllegalArgumentException e) {
            Json.error(exchange, 400, e.getMessage());
        }
    }

    private static Map<String, Object> body(HttpListenerSpec listener, OfflineRequest request, Explanation explanation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("listener", listener.name());
        body.put("request", request.toString());
        List<Map<String, Object>> routes = explanation.steps().stream().map(step -> {
            Map<String, Object> route = new LinkedHashMap<>();
            route.put("route", step.route().location().toString());
            route.put("matched", step.matched());
            if (!step.matched()) {
                route.put("failed", step.failed());
            }
            return route;
        }).toList();
        body.put("routes", routes);
        body.put("chosen", explanation.routeMatched() ? explanation.chosen().location().toString() : "otherwise");
        body.put("action", explanation.action());
        body.put("captures", explanation.captures());
        return body;
    }

    private static String first(Map<String, Deque<String>> query, String name) {
        Deque<String> values = query.get(name);
        return values == null ? null : values.peekFirst();
    }
}
