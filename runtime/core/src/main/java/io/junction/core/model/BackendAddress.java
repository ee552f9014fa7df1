package io.junction.core.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a backend is reached and how it is spoken to: {@code scheme://host:port}, nothing else.
 * The host is kept as written; {@link #id()} lower-cases it.
 */
public record BackendAddress(Scheme scheme, String host, int port) {

    /** The protocols a backend can speak. */
    public enum Scheme {
        HTTP,
        /** HTTP over TLS, as the pool's {@link BackendTls} says. */
        HTTPS,
        /** Raw bytes, for a TCP listener's pools. */
        TCP;

        /** As written in an address, e.g. {@code http}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Scheme> of(String text) {
            return Arrays.stream(values()).filter(scheme -> scheme.text().equals(text)).findFirst();
        }

        static String allowed() {
            return alternatives(Arrays.stream(values()).map(Scheme::text).toList());
        }

        /** How an address of this scheme is written, e.g. {@code http://host:port}. */
        public String form() {
            return text() + "://host:port";
        }

        static String forms() {
            return alternatives(Arrays.stream(values()).map(Scheme::form).toList());
        }

        /** "a, b or c" */
        private static String alternatives(List<String> words) {
            return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
        }

        /** Whether an http listener can forward to backends of this scheme. */
        public boolean speaksHttp() {
            return this != TCP;
        }
    }

    public BackendAddress {
        if (scheme == null) {
            throw new InvalidSpecException("the scheme must be " + Scheme.allowed());
        }
        if (host == null || host.isBlank()) {
            throw new InvalidSpecException("the host is missing or not a valid host name");
        }
        if (port == -1) {
            throw new InvalidSpecException("the port is missing");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidSpecException("the port must be 1..65535");
        }
    }

    /**
     * Reads {@code scheme://host:port}, optionally with a trailing "/".
     *
     * @throws InvalidSpecException naming the text and what is wrong with it
     */
    public static BackendAddress parse(String text) {
        try {
            URI uri = new URI(String.valueOf(text));
            BackendAddress address = new BackendAddress(Scheme.of(uri.getScheme()).orElse(null), uri.getHost(), uri.getPort());
            boolean onlyRoot = uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (!onlyRoot || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new InvalidSpecException("a path, query or user info is not allowed");
            }
            return address;
        } catch (URISyntaxException e) {
            throw refused(text, e.getReason());
        } catch (InvalidSpecException e) {
            throw refused(text, e.getMessage());
        }
    }

    /** Identity of the backend across pools and reloads (state, connections, metrics); host names are case-insensitive. */
    public String id() {
        return scheme.text() + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
    }

    public URI uri() {
        return URI.create(scheme.text() + "://" + host + ":" + port);
    }

    private static InvalidSpecException refused(String text, String reason) {
        return new InvalidSpecException("backend '" + text + "' is not " + Scheme.forms() + ": " + reason);
    }
}
