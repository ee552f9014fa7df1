package io.junction.core.edit;

import io.junction.core.model.Filter;

import java.util.List;
import java.util.Objects;

/**
 * A route's request filters, compiled once: the path rewrites in route order, then the request header
 * edits. Engines apply them through {@link RequestEditor} just before writing the head to a backend.
 */
public final class RequestEdits {

    public static final RequestEdits NONE = new RequestEdits(List.of());

    private final PathRewrite[] rewrites;
    private final HeaderEdits headers;

    private RequestEdits(List<Filter> filters) {
        this.rewrites = filters.stream().map(PathRewrite::of).filter(Objects::nonNull).toArray(PathRewrite[]::new);
        this.headers = new HeaderEdits(filters, Filter.Header.Side.REQUEST);
    }

    public static RequestEdits of(List<Filter> filters) {
        return new RequestEdits(filters);
    }

    public boolean isEmpty() {
        return rewrites.length == 0 && headers.isEmpty();
    }

    /** @param path the request's decoded path; the engine's view of it, so no engine decodes twice */
    public void apply(String path, RequestEditor head) {
        if (rewrites.length > 0) {
            String rewritten = rewrite(path);
            if (!rewritten.equals(path)) {
                head.path(PathEncoding.encode(rewritten));
            }
        }
        headers.apply(head);
    }

    /** The decoded path after the route's rewrites. */
    public String rewrite(String path) {
        String result = path;
        for (PathRewrite rewrite : rewrites) {
            result = rewrite.apply(result);
        }
        // a regex may have replaced the leading slash too; a request target needs it
        return result.startsWith("/") ? result : "/" + result;
    }
}
