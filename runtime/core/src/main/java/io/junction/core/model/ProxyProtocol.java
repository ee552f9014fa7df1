package io.junction.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whether a tcp listener or pool tells its backends who the client is with a PROXY protocol header (HAProxy's
 * proxy-protocol.txt) before the client's first byte, and in which version: v1 is text, v2 binary.
 */
public enum ProxyProtocol {
    NONE, V1, V2;

    /** As written in a script: {@code none}, {@code v1} or {@code v2}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidSpecException when {@code text} is not one of the versions */
    public static ProxyProtocol of(String text) {
        return Arrays.stream(values()).filter(v -> v.text().equals(text)).findFirst().orElseThrow(() ->
                new InvalidSpecException("proxyProtocol: '" + text + "' is not a PROXY protocol version; use "
                        + Arrays.stream(values()).map(ProxyProtocol::text).collect(Collectors.joining(", "))));
    }
}
