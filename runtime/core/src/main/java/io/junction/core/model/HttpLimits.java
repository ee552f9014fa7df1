package io.junction.core.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client-side limits of an http listener. A listener's own ({@code limits: [...]} in its script) leave a field
 * {@code null} where the process settings ({@code junction.http.*}) apply; {@link #over} fills them in, so every
 * field of the limits a listener is served with is set. {@code maxRequestBody}, {@code maxRequestsPerConnection} and
 * {@code maxConnections} 0 mean none.
 *
 * @param bodyReadGap      longest pause between two reads of a request body (nginx {@code client_body_timeout})
 * @param responseWriteGap longest time a client may leave a response unread (nginx {@code send_timeout})
 * @param maxConnections   open connections of this listener; at the cap it stops accepting (HAProxy {@code maxconn}).
 *                         The only one that is not a setting's override: {@code junction.http.max-connections} caps
 *                         all http listeners together (see {@link io.junction.core.http.ConnectionSlots})
 */
public record HttpLimits(Integer maxHeaderSize, Integer maxHeaders, Duration headerTimeout, Duration idleTimeout,
                         Long maxRequestBody, Integer maxRequestsPerConnection, Duration bodyReadGap,
                         Duration responseWriteGap, Integer maxConnections) {

    /** A listener that sets none of its own. */
    public static final HttpLimits NONE = new HttpLimits(null, null, null, null, null, null, null, null, null);

    /** The option names, as scripts write them. */
    public static final List<String> NAMES = List.of("maxHeaderSize", "maxHeaders", "headerTimeout", "idleTimeout",
            "maxRequestBody", "maxRequestsPerConnection", "bodyReadGap", "responseWriteGap", "maxConnections");

    private static final Pattern SIZE = Pattern.compile("(\\d+)([km]?)");

    public HttpLimits {
        atLeast("maxHeaderSize", maxHeaderSize, 1);
        atLeast("maxHeaders", maxHeaders, 1);
        atLeast("maxRequestBody", maxRequestBody, 0);
        atLeast("maxRequestsPerConnection", maxRequestsPerConnection, 0);
        atLeast("maxConnections", maxConnections, 0);
    }

    /** These limits, with {@code defaults}' wherever these set none. */
    public HttpLimits over(HttpLimits defaults) {
        return new HttpLimits(or(maxHeaderSize, defaults.maxHeaderSize), or(maxHeaders, defaults.maxHeaders),
                or(headerTimeout, defaults.headerTimeout), or(idleTimeout, defaults.idleTimeout),
                or(maxRequestBody, defaults.maxRequestBody), or(maxRequestsPerConnection, defaults.maxRequestsPerConnection),
                or(bodyReadGap, defaults.bodyReadGap), or(responseWriteGap, defaults.responseWriteGap),
                or(maxConnections, defaults.maxConnections));
    }

    /** Whether the {@code served}-th request of a connection (from 1) is its last: its response closes it. */
    public boolean lastRequest(int served) {
        return maxRequestsPerConnection != null && maxRequestsPerConnection > 0 && served >= maxRequestsPerConnection;
    }

    /**
     * A size in bytes as a script writes it: a whole number, optionally followed by k (KiB) or m (MiB).
     * @throws InvalidSpecException when {@code text} is not one
     */
    public static long bytes(String option, String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(1).length() > 12) {
            throw new InvalidSpecException(option + ": '" + text + "' is not a size; write a whole number of bytes,"
                    + " optionally followed by k or m, e.g. 65536, 64k, 10m");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    private static void atLeast(String name, Number value, long min) {
        if (value != null && value.longValue() < min) {
            throw new InvalidSpecException("limits " + name + ": got " + value + ", expected " + min + " or more");
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
