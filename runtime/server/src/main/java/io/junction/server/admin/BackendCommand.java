package io.junction.server.admin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an operator can tell a backend through {@code POST /api/backends/{pool}/{backend}/{command}}. */
public enum BackendCommand {
    /** Take requests again. */
    UP,
    /** Take no new requests; those in flight finish. */
    DRAIN,
    /** Out for maintenance: no requests, and health checks do not bring it back. */
    MAINT;

    /** As written in the URL, e.g. {@code drain}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<BackendCommand> of(String text) {
        return Arrays.stream(values()).filter(command -> command.text().equals(text)).findFirst();
    }
}
