package io.junction.core.routing;

import io.junction.api.RequestView;
import io.junction.core.model.Matcher;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request that exists only to be routed: what {@code junction explain} and route tests ask the table about.
 * Built from a method and an absolute URL; headers (names case-insensitive) and the client address are added
 * with the {@code with} methods, each returning a new request.
 */
public final class OfflineRequest implements RequestView {

    private final String method;
    private final URI url;
    private final Map<String, String> headers;
    private final String client;

    private OfflineRequest(String method, URI url, Map<String, String> headers, String client) {
        this.method = method;
        this.url = url;
        this.headers = headers;
        this.client = client;
    }

    /** @throws IllegalArgumentException naming the URL when it is not an absolute http(s) URL */
    public static OfflineRequest of(String method, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getReason());
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an absolute URL: write it as http://host/path");
        }
        return new OfflineRequest(method.toUpperCase(Locale.ROOT), uri, Map.of(), "127.0.0.1");
    }

    /** This request with one more header; a second value for a name is ignored, as routing reads the first. */
    public OfflineRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
        return new OfflineRequest(method, url, Map.copyOf(more), client);
    }

    /** This request with a header written as on the wire, {@code Name: value}; refused, naming it, otherwise. */
    public OfflineRequest withHeaderLine(String line) {
        int colon = line.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("header '" + line + "' is not 'Name: value'");
        }
        return withHeader(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
    }

    /** This request from another client address (default 127.0.0.1). */
    public OfflineRequest withClient(String address) {
        return new OfflineRequest(method, url, headers, address);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String host() {
        String host = header("Host");
        return Matcher.Host.normalize(host != null ? host : url.getHost());
    }

    @Override
    public String path() {
        String path = url.getPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    @Override
    public String query() {
        return url.getRawQuery() == null ? "" : url.getRawQuery();
    }

    @Override
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String remoteAddress() {
        return client;
    }

    @Override
    public String toString() {
        return method + " " + url;
    }
}
