package io.junction.core.model;

/**
 * Which of a listener's requests the access log writes ({@code http('x', port: 8080, accessLog: [sample: 0.1])}):
 * every one (the default), none ({@code accessLog: false}), or a share of those that went well. A 4xx or 5xx is always
 * written: a sample is for volume, never for hiding trouble. Both HTTP engines ask {@link #keeps}.
 *
 * @param enabled whether the listener's requests are logged at all
 * @param share   from 0 to 1: the share of requests answered below 400 that are written
 */
public record AccessLogSampling(boolean enabled, double share) {

    public static final AccessLogSampling ALL = new AccessLogSampling(true, 1.0);
    public static final AccessLogSampling NONE = new AccessLogSampling(false, 0.0);

    public AccessLogSampling {
        if (!(share >= 0 && share <= 1)) {
            throw new InvalidSpecException("accessLog sample must be from 0 to 1 (0.1 writes one request in ten), got " + share);
        }
    }

    /** A share of the requests answered below 400, and every 4xx and 5xx. */
    public static AccessLogSampling sample(double share) {
        return new AccessLogSampling(true, share);
    }

    /**
     * @param status the response's status
     * @param draw   uniform from 0 (inclusive) to 1 (exclusive), drawn per request by the caller
     */
    public boolean keeps(int status, double draw) {
        return enabled && (status >= 400 || draw < share);
    }

    /** Whether some requests answered below 400 are left out (and counted). */
    public boolean samples() {
        return enabled && share < 1;
    }
}
