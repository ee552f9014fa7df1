package io.junction.testkit;

import io.junction.api.RequestView;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request for {@link Routes#resolve}: {@code GET('http://shop.example.com/api/cart?x=1').header('X-Canary', 'true')}.
 * Immutable; each {@code header}, {@code cookie} and {@code from} returns a new request.
 */
public final class TestRequest implements RequestView {

    private final String method;
    private final URI uri;
    private final Map<String, List<String>> headers;
    private final String remoteAddress;

    private TestRequest(String method, URI uri, Map<String, List<String>> headers, String remoteAddress) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.remoteAddress = remoteAddress;
    }

    /** @param url an absolute http URL; its host is the request's Host */
    public static TestRequest request(String method, String url) {
        URI uri = URI.create(url);
        if (uri.getHost() == null || uri.getRawPath() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an absolute URL such as http://shop.example.com/api");
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Host", List.of(uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort()));
        return new TestRequest(method.toUpperCase(Locale.ROOT), uri, freeze(headers), "127.0.0.1");
    }

    public static TestRequest GET(String url) {
        return request("GET", url);
    }

    public static TestRequest HEAD(String url) {
        return request("HEAD", url);
    }

    public static TestRequest POST(String url) {
        return request("POST", url);
    }

    public static TestRequest PUT(String url) {
        return request("PUT", url);
    }

    public static TestRequest DELETE(String url) {
        return request("DELETE", url);
    }

    /** The same request with one more header value. */
    public TestRequest header(String name, String value) {
        Map<String, List<String>> more = copyOfHeaders();
        more.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        return new TestRequest(method, uri, freeze(more), remoteAddress);
    }

    /** The same request with one more cookie in its Cookie header. */
    public TestRequest cookie(String name, String value) {
        String cookies = header("Cookie");
        Map<String, List<String>> more = copyOfHeaders();
        more.put("Cookie", List.of((cookies == null ? "" : cookies + "; ") + name + "=" + value));
        return new TestRequest(method, uri, freeze(more), remoteAddress);
    }

    /** The same request from another client address. */
    public TestRequest from(String address) {
        return new TestRequest(method, uri, headers, address);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String host() {
        return uri.getHost().toLowerCase(Locale.ROOT);
    }

    /** The port of the URL, or -1 when it names none. */
    public int port() {
        return uri.getPort();
    }

    @Override
    public String path() {
        String raw = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String query() {
        return uri.getRawQuery() == null ? "" : uri.getRawQuery();
    }

    @Override
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every header, names case-insensitive, values in the order added. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }

    private Map<String, List<String>> copyOfHeaders() {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, new ArrayList<>(values)));
        return copy;
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> headers) {
        headers.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(headers);
    }
}
