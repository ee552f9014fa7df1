package io.junction.server.admin;

import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import io.junction.core.model.BackendSpec;
import io.junction.core.model.PoolSpec;
import io.junction.server.JunctionServer;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /metrics}: Junction's Dropwizard metrics through the Prometheus client's Dropwizard bridge,
 * with listener and backend as labels ({@link MetricLabels}), which backend belongs to which pool
 * ({@code junction_pool_backend}), and the JVM's metrics.
 */
final class PrometheusExport {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    PrometheusExport(JunctionServer server) {
        registry.register(new LabelledDropwizard(server.metrics()));
        registry.register(new PoolMembers(server));
        JvmMetrics.builder().register(registry);
    }

    String contentType() {
        return writer.getContentType();
    }

    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    }

    /**
     * The bridge turns each Dropwizard metric into a family of its own, so two listeners would give two
     * families of one name, which the exposition refuses. Each metric is converted alone and the data
     * points of one family are joined.
     */
    private static final class LabelledDropwizard implements MultiCollector {
        private final MetricRegistry metrics;
        private final MetricLabels labels = new MetricLabels();

        LabelledDropwizard(MetricRegistry metrics) {
            this.metrics = metrics;
        }

        @Override
        public MetricSnapshots collect() {
            Map<String, List<MetricSnapshot>> families = new TreeMap<>();
            for (String name : metrics.getNames()) {
                MetricFilter onlyThis = (candidate, metric) -> candidate.equals(name);
                for (MetricSnapshot snapshot : new DropwizardExports(metrics, onlyThis, labels).collect()) {
                    families.computeIfAbsent(snapshot.getMetadata().getPrometheusName(), n -> new ArrayList<>()).add(snapshot);
                }
            }
            MetricSnapshots.Builder joined = MetricSnapshots.builder();
            families.values().forEach(family -> joined.metricSnapshot(join(family)));
            return joined.build();
        }

        /** One family from snapshots of one name and type (the bridge makes counters, gauges and summaries). */
        @SuppressWarnings("unchecked")
        private static MetricSnapshot join(List<MetricSnapshot> family) {
            MetricSnapshot first = family.get(0);
            if (family.size() == 1) {
                return first;
            }
            MetricMetadata metadata = new MetricMetadata(first.getMetadata().getName(),
                    "Junction metric " + first.getMetadata().getName() + ", one series per " + labelsOf(first));
            List<DataPointSnapshot> points = new ArrayList<>();
            family.forEach(snapshot -> points.addAll(snapshot.getDataPoints()));
            if (first instanceof CounterSnapshot) {
                return new CounterSnapshot(metadata, (List<CounterSnapshot.CounterDataPointSnapshot>) (List<?>) points);
            }
            if (first instanceof GaugeSnapshot) {
                return new GaugeSnapshot(metadata, (List<GaugeSnapshot.GaugeDataPointSnapshot>) (List<?>) points);
            }
            if (first instanceof SummarySnapshot) {
                return new SummarySnapshot(metadata, (List<SummarySnapshot.SummaryDataPointSnapshot>) (List<?>) points);
            }
            throw new IllegalStateException("the Dropwizard bridge made a " + first.getClass().getSimpleName()
                    + " for " + first.getMetadata().getName() + ", which cannot be joined");
        }

        private static String labelsOf(MetricSnapshot snapshot) {
            Labels labels = snapshot.getDataPoints().get(0).getLabels();
            return labels.isEmpty() ? "series" : labels.getName(0);
        }
    }

    /** {@code junction_pool_backend{pool,backend} 1} per backend of the serving configuration, to join backend metrics with pools. */
    private static final class PoolMembers implements MultiCollector {
        private final JunctionServer server;

        PoolMembers(JunctionServer server) {
            this.server = server;
        }

        @Override
        public MetricSnapshots collect() {
            GaugeSnapshot.Builder members = GaugeSnapshot.builder().name("junction_pool_backend")
                    .help("1 for each backend of each pool of the serving configuration; join on backend for pool labels");
            JunctionServer.Status status = server.status();
            if (status != null) {
                for (PoolSpec pool : status.config().pools().values()) {
                    for (BackendSpec backend : pool.backends()) {
                        members.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(1)
                                .labels(Labels.of("pool", pool.name(), "backend", MetricLabels.backend(backend)))
                                .build());
                    }
                }
            }
            return MetricSnapshots.of(members.build());
        }
    }
}
