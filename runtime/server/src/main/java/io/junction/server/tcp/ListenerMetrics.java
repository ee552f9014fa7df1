package io.junction.server.tcp;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import io.junction.server.metrics.MetricNames;

import java.util.List;
import java.util.function.IntSupplier;

/** A tcp listener's metrics, looked up once when it is bound and kept while a reload keeps the listener. */
record ListenerMetrics(Meter connections, Counter capStops, Counter proxyRefused, Counter bytesIn, Counter bytesOut) {

    static ListenerMetrics register(MetricRegistry registry, String listener, IntSupplier active) {
        registry.remove(MetricNames.listenerActiveConnections(listener));
        registry.register(MetricNames.listenerActiveConnections(listener), (Gauge<Integer>) active::getAsInt);
        return new ListenerMetrics(registry.meter(MetricNames.listenerConnections(listener)),
                registry.counter(MetricNames.listenerConnectionCapStops(listener)),
                registry.counter(MetricNames.listenerProxyRefused(listener)),
                registry.counter(MetricNames.listenerBytesIn(listener)),
                registry.counter(MetricNames.listenerBytesOut(listener)));
    }

    static void remove(MetricRegistry registry, String listener) {
        List.of(MetricNames.listenerActiveConnections(listener), MetricNames.listenerConnections(listener),
                MetricNames.listenerConnectionCapStops(listener), MetricNames.listenerProxyRefused(listener),
                MetricNames.listenerBytesIn(listener),
                MetricNames.listenerBytesOut(listener)).forEach(registry::remove);
    }
}
