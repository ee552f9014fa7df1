package io.junction.api;

import java.util.Objects;

/**
 * The verdict of one probe.
 *
 * @param passed whether the backend answered as the check expects
 * @param reason a short text an operator reads, e.g. {@code status 503, expected 200-399}
 */
public record ProbeResult(boolean passed, String reason) {

    public ProbeResult {
        Objects.requireNonNull(reason, "reason");
    }

    public static ProbeResult passed(String reason) {
        return new ProbeResult(true, reason);
    }

    public static ProbeResult failed(String reason) {
        return new ProbeResult(false, reason);
    }
}
