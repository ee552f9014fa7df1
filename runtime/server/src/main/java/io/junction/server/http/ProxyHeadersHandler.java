package io.junction.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/**
 * Prepares a request for a backend and its response for the client. Undertow's ProxyHandler copies
 * every header both ways; this strips the hop-by-hop headers (RFC 9110 7.6.1), including those a
 * Connection header names, in both directions. The forwarding fields are replaced later, on the request
 * ProxyHandler built ({@link ForwardingHandler#writeTo}), because the client's are read to write them.
 */
public final class ProxyHeadersHandler implements HttpHandler {

    private static final HttpString[] HOP_BY_HOP = {
            Headers.KEEP_ALIVE, HttpString.tryFromString("Proxy-Connection"), Headers.TE, Headers.TRAILER,
    };

    private final HttpHandler next;

    public ProxyHeadersHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HeaderMap request = exchange.getRequestHeaders();
        boolean upgrade = isUpgradeRequest(request);
        stripHopByHop(request, upgrade);
        if (upgrade) {
            request.put(Headers.CONNECTION, Headers.UPGRADE_STRING);
        }
        exchange.addResponseCommitListener(ex -> {
            boolean switching = ex.getStatusCode() == 101;
            stripHopByHop(ex.getResponseHeaders(), switching);
            if (switching) {
                // the client must see the upgrade confirmed (RFC 9110 7.8); stripping took the backend's Connection
                ex.getResponseHeaders().put(Headers.CONNECTION, Headers.UPGRADE_STRING);
            }
        });
        next.handleRequest(exchange);
    }

    private static boolean isUpgradeRequest(HeaderMap request) {
        if (!request.contains(Headers.UPGRADE)) {
            return false;
        }
        HeaderValues connection = request.get(Headers.CONNECTION);
        if (connection != null) {
            for (String value : connection) {
                if (value.toLowerCase(java.util.Locale.ROOT).contains("upgrade")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Removes hop-by-hop headers; an upgrade keeps its Upgrade header. Framing headers stay: Undertow owns them. */
    static void stripHopByHop(HeaderMap headers, boolean keepUpgrade) {
        java.util.Collection<String> connection = headers.remove(Headers.CONNECTION);
        if (connection != null) {
            for (String value : connection) {
                for (String token : value.split(",")) {
                    String name = token.trim();
                    if (!name.isEmpty() && !(keepUpgrade && name.equalsIgnoreCase("upgrade"))
                            && !name.equalsIgnoreCase("transfer-encoding") && !name.equalsIgnoreCase("content-length")) {
                        headers.remove(name);
                    }
                }
            }
        }
        for (HttpString header : HOP_BY_HOP) {
            headers.remove(header);
        }
        if (!keepUpgrade) {
            headers.remove(Headers.UPGRADE);
        }
    }
}
