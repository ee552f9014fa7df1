package io.junction.server.engine;

import io.junction.api.RequestView;
import io.junction.server.engine.http1.RequestHeadParser;
import io.junction.server.engine.http1.RequestMethod;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The plugin API's view of the request a connection's parser holds. Strings are made only when routing
 * or a balancer asks, once per request; {@link #reset} forgets them for the next request.
 */
final class ParsedRequest implements RequestView {

    private final RequestHeadParser head;
    private final String remoteAddress;
    private String host;
    private String target;
    private String path;

    ParsedRequest(RequestHeadParser head, String remoteAddress) {
        this.head = head;
        this.remoteAddress = remoteAddress;
    }

    void reset() {
        host = null;
        target = null;
        path = null;
    }

    @Override
    public String method() {
        RequestMethod method = head.method();
        return method == RequestMethod.OTHER ? head.methodName() : method.name();
    }

    @Override
    public String host() {
        if (host == null) {
            host = head.hostName();
        }
        return host;
    }

    @Override
    public String path() {
        if (path == null) {
            String t = target();
            int start = 0;
            if (head.isAbsoluteForm()) {
                int authority = t.indexOf("//") + 2;
                int slash = t.indexOf('/', authority);
                start = slash < 0 ? t.length() : slash;
            }
            int query = t.indexOf('?', start);
            String raw = t.substring(start, query < 0 ? t.length() : query);
            path = raw.isEmpty() || raw.charAt(0) != '/' ? "/" + decode(raw) : decode(raw);
        }
        return path;
    }

    @Override
    public String query() {
        String t = target();
        int query = t.indexOf('?');
        return query < 0 ? "" : t.substring(query + 1);
    }

    @Override
    public String header(String name) {
        int index = head.headers().indexOf(name);
        return index < 0 ? null : head.headers().value(index);
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    private String target() {
        if (target == null) {
            target = head.target();
        }
        return target;
    }

    /** Percent-decoding as UTF-8; the parser already refused malformed escapes. */
    private static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
