package io.junction.server.http;

import io.junction.core.http.BadPathException;
import io.junction.core.http.RequestPath;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Puts the normalised path ({@link RequestPath}, the rule both engines share) in place of the one
 * received, before routing: routes match it and the forwarder sends it to the backend (the path as received
 * when the listener says {@code rawPath}). A path that cannot be normalised ({@code %00}, escapes that are not
 * UTF-8) is answered 400 either way.
 */
public final class NormalizedPathHandler implements HttpHandler {

    private final HttpHandler next;

    public NormalizedPathHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String received = receivedPath(exchange);
        String normalized;
        try {
            normalized = RequestPath.normalize(received);
        } catch (BadPathException e) {
            exchange.setPersistent(false);
            RespondHandler.send(exchange, 400, "bad request: " + e.getMessage() + "\n");
            return;
        }
        String routable = RequestPath.routable(normalized);
        exchange.setRequestURI(ForwardingHandler.rawPath(exchange) ? received : normalized, false);
        exchange.setRequestPath(routable);
        exchange.setRelativePath(routable);
        next.handleRequest(exchange);
    }

    /** The path as received: Undertow keeps an absolute-form target whole in the request URI. */
    private static String receivedPath(HttpServerExchange exchange) {
        String uri = exchange.getRequestURI();
        if (exchange.isHostIncludedInRequestURI()) {
            int slash = uri.indexOf('/', uri.indexOf("//") + 2);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        return uri.isEmpty() ? "/" : uri;
    }
}
