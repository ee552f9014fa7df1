package io.junction.dsl.internal;

import io.junction.core.model.HttpLimits;

import java.util.Map;

/**
 * The {@code limits} option of {@code http} and {@code https}: {@code [maxHeaderSize: 16384, idleTimeout: '30s', ...]},
 * each key named as its {@code junction.http.*} setting and winning over it for this listener.
 */
final class LimitsOption {

    static final String NAME = "limits";

    private LimitsOption() {
    }

    /** The listener's own limits; none when the script says nothing, or after recording why a value is wrong. */
    static HttpLimits read(ConfigBuilder config, ConfigBuilder.ListenerHead head, String word) {
        Object value = head.args().value(NAME);
        if (value == null) {
            return HttpLimits.NONE;
        }
        if (!(value instanceof Map<?, ?> map)) {
            config.problem(head.at(), word + " " + NAME + ": got " + value + ", expected a map, e.g. [maxHeaders: 50, idleTimeout: '30s']");
            return HttpLimits.NONE;
        }
        String option = word + " " + NAME;
        NamedArgs args = NamedArgs.of(config, head.at(), option, map, HttpLimits.NAMES.toArray(String[]::new));
        Long body = bytes(config, head, option, args.value("maxRequestBody"));
        return config.accepted(head.at(), () -> new HttpLimits(args.wholeNumber("maxHeaderSize"), args.wholeNumber("maxHeaders"),
                args.duration("headerTimeout"), args.duration("idleTimeout"), body,
                args.wholeNumber("maxRequestsPerConnection"), args.duration("bodyReadGap"), args.duration("responseWriteGap"),
                args.wholeNumber("maxConnections"))).orElse(HttpLimits.NONE);
    }

    /** A size written as a number of bytes or as text with k or m ({@code '10m'}); null when absent or wrong (reported). */
    private static Long bytes(ConfigBuilder config, ConfigBuilder.ListenerHead head, String option, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        return config.accepted(head.at(), () -> HttpLimits.bytes(option + " maxRequestBody", String.valueOf(value))).orElse(null);
    }
}
