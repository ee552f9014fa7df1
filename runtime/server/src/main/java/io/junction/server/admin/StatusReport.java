package io.junction.server.admin;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.junction.core.model.BackendSpec;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.PoolSpec;
import io.junction.core.model.RouteSpec;
import io.junction.server.JunctionServer;
import io.junction.server.ReloadResult;
import io.junction.server.metrics.MetricNames;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The body of {@code GET /api/status}: the serving configuration with each listener's and backend's
 * numbers, and the last reload. Built from one {@link JunctionServer.Status} so its parts agree.
 */
final class StatusReport {

    private static final double NANOS_PER_MILLI = 1_000_000.0;

    record Report(long generation, String loadedAt, String confDir, LastReload lastReload, boolean backendControl,
                  List<Listener> listeners, List<Pool> pools) {
    }

    record LastReload(String at, boolean succeeded, long generation, List<String> errors, List<String> warnings) {
        static LastReload of(ReloadResult result, String at) {
            return new LastReload(at, result.succeeded(), result.generation(), result.errors(), result.warnings());
        }
    }

    record Listener(String name, String address, String location, Traffic traffic, long activeConnections,
                    List<Route> routes) {
    }

    record Route(String match, String action, String location) {
    }

    record Pool(String name, String strategy, String location, List<Backend> backends) {
    }

    record Backend(String id, String address, String state, int weight, long inFlight, Traffic traffic) {
    }

    /**
     * Counts since start, so a client computes rates over its own polling interval; latency in ms over
     * recent samples. A backend's errors are its failed attempts (refused, timed out, broken).
     */
    record Traffic(long requests, long errors, double p50, double p95, double p99) {
    }

    private final JunctionServer server;
    private final BackendControl backendControl;

    StatusReport(JunctionServer server, BackendControl backendControl) {
        this.server = server;
        this.backendControl = backendControl;
    }

    Report build() {
        JunctionServer.Status status = server.status();
        Map<String, Metric> metrics = server.metrics().getMetrics();
        Map<String, InetSocketAddress> addresses = server.addresses();
        List<Listener> listeners = status.config().listeners(HttpListenerSpec.class).stream()
                .map(spec -> listener(spec, addresses.get(spec.name()), metrics))
                .toList();
        List<Pool> pools = status.config().pools().values().stream().map(pool -> pool(pool, metrics, backendControl)).toList();
        return new Report(status.generation(), status.loadedAt().toString(), status.confDir().toString(),
                LastReload.of(status.lastReload(), status.lastReloadAt().toString()), backendControl.available(),
                listeners, pools);
    }

    private static Listener listener(HttpListenerSpec spec, InetSocketAddress bound, Map<String, Metric> metrics) {
        String address = bound == null ? spec.bindAddress() + ":" + spec.port() : bound.getHostString() + ":" + bound.getPort();
        List<Route> routes = spec.routes().stream().map(StatusReport::route).collect(Collectors.toList());
        routes.add(route(spec.otherwise() != null ? spec.otherwise() : HttpListenerSpec.NO_ROUTE));
        return new Listener(spec.name(), address, spec.location().toString(),
                traffic(metrics.get(MetricNames.listenerRequests(spec.name())), metrics.get(MetricNames.listenerErrors(spec.name()))),
                gauge(metrics.get(MetricNames.listenerActiveConnections(spec.name()))), List.copyOf(routes));
    }

    private static Route route(RouteSpec route) {
        return new Route(ConfigOutline.match(route), route.action().describe(), route.location().toString());
    }

    private static Pool pool(PoolSpec pool, Map<String, Metric> metrics, BackendControl control) {
        List<Backend> backends = pool.backends().stream().map(backend -> backend(pool.name(), backend, metrics, control)).toList();
        return new Pool(pool.name(), pool.strategy(), pool.location().toString(), backends);
    }

    private static Backend backend(String pool, BackendSpec backend, Map<String, Metric> metrics, BackendControl control) {
        String id = backend.id();
        String address = MetricLabels.backend(backend);
        return new Backend(id, address, control.state(pool, address), backend.weight(),
                gauge(metrics.get(MetricNames.backendActiveRequests(id))),
                traffic(metrics.get(MetricNames.backendRequests(id)), metrics.get(MetricNames.backendErrors(id))));
    }

    private static Traffic traffic(Metric timer, Metric errors) {
        long errorCount = errors instanceof Meter meter ? meter.getCount() : 0;
        if (!(timer instanceof Timer requests)) {
            return new Traffic(0, errorCount, 0, 0, 0);
        }
        Snapshot latency = requests.getSnapshot();
        return new Traffic(requests.getCount(), errorCount, millis(latency.getMedian()), millis(latency.get95thPercentile()),
                millis(latency.get99thPercentile()));
    }

    private static double millis(double nanos) {
        return Math.round(nanos / NANOS_PER_MILLI * 1000) / 1000.0;
    }

    private static long gauge(Metric metric) {
        return metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number number ? number.longValue() : 0;
    }
}
