package io.junction.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an operator allows a backend to receive, set in a script or at run time. */
public enum BackendMode {
    /** Takes requests as its health allows. */
    UP,
    /** Takes no new requests (sticky ones excepted, once affinity exists); requests in flight finish. */
    DRAIN,
    /** Takes nothing at all: maintenance. */
    MAINT;

    /** As written in scripts: {@code up}, {@code drain}, {@code maint}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidSpecException naming the allowed words */
    public static BackendMode parse(String text) {
        return Arrays.stream(values()).filter(mode -> mode.text().equals(text)).findFirst()
                .orElseThrow(() -> new InvalidSpecException("backend state: got '" + text + "', expected "
                        + Arrays.stream(values()).map(BackendMode::text).collect(Collectors.joining(", "))));
    }
}
