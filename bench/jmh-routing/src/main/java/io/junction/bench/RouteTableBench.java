package io.junction.bench;

import io.junction.api.RequestView;
import io.junction.core.model.Action;
import io.junction.core.model.Matcher;
import io.junction.core.model.RoutePolicy;
import io.junction.core.model.RouteSpec;
import io.junction.core.model.SourceLocation;
import io.junction.core.routing.RouteTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The cost of finding a request's route among {@code routes} static routes shaped like a multi-tenant config: one
 * host per ten routes (every fifth a wildcard), each host with path prefixes, globs, an exact path and a method.
 * The request hits a route of the last host, so a linear scan would try almost all of them.
 */
@State(Scope.Benchmark)
public class RouteTableBench {

    @Param({"10", "1000", "10000"})
    int routes;

    private RouteTable<Action> table;
    private RequestView last;
    private RequestView miss;

    @Setup
    public void compile() {
        List<RouteSpec> specs = new ArrayList<>();
        int hosts = Math.max(1, routes / 10);
        for (int i = 0; i < routes; i++) {
            int host = i / 10;
            String name = host % 5 == 4 ? "*.tenant" + host + ".example.com" : "tenant" + host + ".example.com";
            specs.add(route(i, new Matcher.Host(name), path(i % 10)));
        }
        table = RouteTable.compile(specs, RouteSpec.catchAll(new Action.Respond(404, "none", at(0)), at(0)), RouteSpec::action);
        last = new Request("GET", "tenant" + (hosts - 2 < 0 ? 0 : hosts - 2) + ".example.com", "/api/v7/orders/42");
        miss = new Request("GET", "nobody.example.org", "/api/v7/orders/42");
    }

    private static Matcher path(int n) {
        return switch (n % 4) {
            case 0 -> new Matcher.PathPrefix("/api/v" + n);
            case 1 -> new Matcher.PathGlob("/api/v" + n + "/*/items/**");
            case 2 -> new Matcher.PathExact("/api/v" + n + "/health");
            default -> new Matcher.PathPrefix("/api/v" + n + "/orders");
        };
    }

    private static RouteSpec route(int i, Matcher host, Matcher path) {
        List<Matcher> matchers = i % 7 == 0 ? List.of(host, path, new Matcher.Method(Set.of("GET", "HEAD"))) : List.of(host, path);
        return new RouteSpec(matchers, List.of(), new Action.Forward("pool" + i, at(i + 1)), RoutePolicy.DEFAULTS, at(i + 1));
    }

    private static SourceLocation at(int line) {
        return new SourceLocation("bench.groovy", line, 5);
    }

    @Benchmark
    public Action matchLastHost() {
        return table.match(last);
    }

    @Benchmark
    public Action matchNone() {
        return table.match(miss);
    }

    /** A request as the engines give it: strings parsed once per request. */
    record Request(String method, String host, String path) implements RequestView {
        @Override
        public String query() {
            return "";
        }

        @Override
        public String header(String name) {
            return null;
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1";
        }
    }
}
