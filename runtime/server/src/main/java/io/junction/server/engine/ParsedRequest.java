package io.junction.server.engine;

import io.junction.api.RequestView;
import io.junction.core.http.BadPathException;
import io.junction.core.http.RequestPath;
import io.junction.server.engine.http1.RequestHeadParser;
import io.junction.server.engine.http1.RequestMethod;

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
    private String normalizedPath;

    ParsedRequest(RequestHeadParser head, String remoteAddress) {
        this.head = head;
        this.remoteAddress = remoteAddress;
    }

    void reset() {
        host = null;
        target = null;
        path = null;
        normalizedPath = null;
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

    /**
     * The path routes match: the normalised path of {@link #backendTarget} (see {@link RequestPath}).
     *
     * @throws BadPathException when the path cannot be normalised (answered 400)
     */
    @Override
    public String path() {
        if (path == null) {
            path = RequestPath.routable(normalizedPath());
        }
        return path;
    }

    /**
     * The target the backend receives: a route's rewritten path (percent-encoded), else the normalised path; then
     * the query as received. Null when that is the target exactly as received, the common case: nothing to copy.
     */
    byte[] backendTarget(String rewrittenPath) {
        String path = rewrittenPath != null ? rewrittenPath : normalizedPath();
        String t = target();
        int query = t.indexOf('?');
        int pathEnd = query < 0 ? t.length() : query;
        if (!head.isAbsoluteForm() && path.length() == pathEnd && t.startsWith(path)) {
            return null;
        }
        return (query < 0 ? path : path + t.substring(query)).getBytes(StandardCharsets.US_ASCII);
    }

    private String normalizedPath() {
        if (normalizedPath == null) {
            String t = target();
            int start = 0;
            if (head.isAbsoluteForm()) {
                int authority = t.indexOf("//") + 2;
                int slash = t.indexOf('/', authority);
                start = slash < 0 ? t.length() : slash;
            }
            int query = t.indexOf('?', start);
            String raw = t.substring(start, query < 0 ? t.length() : query);
            normalizedPath = RequestPath.normalize(raw.isEmpty() ? "/" : raw);
        }
        return normalizedPath;
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
}
