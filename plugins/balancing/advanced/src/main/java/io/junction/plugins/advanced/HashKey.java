package io.junction.plugins.advanced;

import io.junction.api.RequestView;

/**
 * What a request is hashed on, from the {@code key} option: {@code header:NAME}, {@code cookie:NAME},
 * {@code query:NAME}, {@code client-ip}, {@code path} or {@code host}.
 */
record HashKey(Source source, String name) {

    enum Source { HEADER, COOKIE, QUERY, CLIENT_IP, PATH, HOST }

    static HashKey parse(String text) {
        return switch (text) {
            case "client-ip" -> new HashKey(Source.CLIENT_IP, null);
            case "path" -> new HashKey(Source.PATH, null);
            case "host" -> new HashKey(Source.HOST, null);
            default -> named(text);
        };
    }

    private static HashKey named(String text) {
        int colon = text.indexOf(':');
        String prefix = colon < 0 ? text : text.substring(0, colon);
        String name = colon < 0 ? "" : text.substring(colon + 1).trim();
        Source source = switch (prefix) {
            case "header" -> Source.HEADER;
            case "cookie" -> Source.COOKIE;
            case "query" -> Source.QUERY;
            default -> null;
        };
        if (source == null || name.isEmpty()) {
            throw new IllegalArgumentException("option 'key' must be header:NAME, cookie:NAME, query:NAME, client-ip, path or host, got '"
                    + text + "'");
        }
        return new HashKey(source, name);
    }

    /** The request's key, or {@code null} when it has none. */
    String of(RequestView request) {
        if (request == null) {
            return null;
        }
        return switch (source) {
            case HEADER -> request.header(name);
            case COOKIE -> request.cookie(name);
            case QUERY -> request.queryParameter(name);
            case CLIENT_IP -> request.remoteAddress();
            case PATH -> request.path();
            case HOST -> request.host().isEmpty() ? null : request.host();
        };
    }

    @Override
    public String toString() {
        return name == null ? source.name().toLowerCase().replace('_', '-') : source.name().toLowerCase() + ":" + name;
    }
}
