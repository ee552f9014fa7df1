package io.junction.server.admin;

import io.junction.core.model.BackendSpec;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.CustomLabelMapper;
import io.prometheus.metrics.instrumentation.dropwizard5.labels.MapperConfig;
import io.prometheus.metrics.model.snapshots.Labels;

import java.util.List;
import java.util.Map;

/**
 * Turns the listener name or backend address inside a Dropwizard name into a label:
 * {@code junction.listener.public.requests} becomes {@code junction_listener_requests{listener="public"}},
 * {@code junction.backend.127.0.0.1:9001.errors} becomes {@code junction_backend_errors{backend="127.0.0.1:9001"}},
 * {@code junction.route.web.groovy:8.predicate-failures} {@code junction_route_predicate_failures{route="web.groovy:8"}}.
 * The part between the prefix and the last dot is the label (addresses have dots, the metric suffixes have none).
 * The bridge's glob mapping cannot say that, so both lookups are overridden.
 */
final class MetricLabels extends CustomLabelMapper {

    private static final Map<String, String> LABEL_BY_PREFIX = Map.of(
            "junction.listener.", "listener",
            "junction.backend.", "backend",
            "junction.route.", "route");

    MetricLabels() {
        // the bridge refuses an empty list; this entry is never consulted, both lookups are overridden
        super(List.of(new MapperConfig("junction.*.*", "junction", Map.of())));
    }

    @Override
    public String getName(String dropwizardName) {
        return split(dropwizardName).family();
    }

    @Override
    public Labels getLabels(String dropwizardName, List<String> additionalNames, List<String> additionalValues) {
        Split split = split(dropwizardName);
        Labels extra = Labels.of(additionalNames, additionalValues);
        return split.label() == null ? extra : Labels.of(split.label(), split.value()).merge(extra);
    }

    /** A backend's label value: {@code host:port}, as the Dropwizard names carry it. */
    static String backend(BackendSpec backend) {
        return backend.address().host() + ":" + backend.address().port();
    }

    /** The family name (dots as written; the bridge sanitises them) and the label taken out of the name, if any. */
    record Split(String family, String label, String value) {
    }

    static Split split(String dropwizardName) {
        for (Map.Entry<String, String> entry : LABEL_BY_PREFIX.entrySet()) {
            String prefix = entry.getKey();
            int lastDot = dropwizardName.lastIndexOf('.');
            if (dropwizardName.startsWith(prefix) && lastDot > prefix.length()) {
                return new Split(prefix + dropwizardName.substring(lastDot + 1), entry.getValue(),
                        dropwizardName.substring(prefix.length(), lastDot));
            }
        }
        return new Split(dropwizardName, null, null);
    }
}
