package io.junction.dsl.internal;

import io.junction.core.model.AccessLogSampling;

import java.util.Map;
import java.util.Set;

/** The {@code accessLog} option of {@code http} and {@code https}: {@code true} (the default), {@code false} or {@code [sample: 0.1]}. */
final class AccessLogOption {

    static final String NAME = "accessLog";

    private AccessLogOption() {
    }

    /** The listener's sampling; all when the script says nothing, and after recording why a value is wrong. */
    static AccessLogSampling read(ConfigBuilder config, ConfigBuilder.ListenerHead head, String word) {
        Object value = head.args().value(NAME);
        if (value == null) {
            return AccessLogSampling.ALL;
        }
        if (value instanceof Boolean on) {
            return on ? AccessLogSampling.ALL : AccessLogSampling.NONE;
        }
        if (value instanceof Map<?, ?> map && map.keySet().equals(Set.of("sample")) && map.get("sample") instanceof Number share) {
            return config.accepted(head.at(), () -> AccessLogSampling.sample(share.doubleValue())).orElse(AccessLogSampling.ALL);
        }
        config.problem(head.at(), word + " " + NAME + ": got " + value + ", expected true, false or [sample: 0.1]");
        return AccessLogSampling.ALL;
    }
}
