package io.junction.server.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How a record becomes one line: NCSA common and combined (as Apache and nginx write them), or one JSON object. */
public enum AccessLogFormat {

    /** {@code host - - [time] "request" status bytes} */
    COMMON {
        @Override
        public String format(AccessRecord record) {
            return common(record);
        }
    },
    /** common plus {@code "referer" "user-agent"} */
    COMBINED {
        @Override
        public String format(AccessRecord record) {
            return common(record) + " " + quoted(record.referer()) + " " + quoted(record.userAgent());
        }
    },
    /** one object per line with every field, durations in ms */
    JSON {
        @Override
        public String format(AccessRecord record) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("time", record.start().toString());
            fields.put("client", record.client());
            fields.put("listener", record.listener());
            fields.put("method", record.method());
            fields.put("target", record.target());
            fields.put("protocol", record.protocol());
            fields.put("status", record.status());
            fields.put("bytes", record.bytesSent());
            fields.put("duration_ms", millis(record.durationNanos()));
            fields.put("pool", record.pool());
            fields.put("backend", record.backend());
            fields.put("upstream_ms", record.upstreamNanos() < 0 ? null : millis(record.upstreamNanos()));
            fields.put("retries", record.retries() < 0 ? null : record.retries());
            fields.put("referer", record.referer());
            fields.put("user_agent", record.userAgent());
            try {
                return MAPPER.writeValueAsString(fields);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("access log record cannot be written as JSON", e);
            }
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneId.systemDefault());

    public abstract String format(AccessRecord record);

    /** As written in {@code junction.access-log.format}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String common(AccessRecord record) {
        return orDash(record.client()) + " - - [" + CLF_TIME.format(record.start()) + "] \""
                + escape(record.method() + " " + record.target() + " " + record.protocol()) + "\" "
                + record.status() + " " + (record.bytesSent() > 0 ? record.bytesSent() : "-");
    }

    private static String quoted(String value) {
        return value == null ? "\"-\"" : "\"" + escape(value) + "\"";
    }

    /** A client controls these strings: quotes, backslashes and control characters must not forge a line. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1000.0) / 1000.0;
    }
}
