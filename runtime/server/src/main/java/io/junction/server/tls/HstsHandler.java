package io.junction.server.tls;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

import java.time.Duration;

/**
 * Announces HSTS on every response of an https listener (RFC 6797), also on the ones Junction answers itself; a
 * backend that sends its own Strict-Transport-Security keeps it.
 */
public final class HstsHandler implements HttpHandler {

    private static final HttpString STRICT_TRANSPORT_SECURITY = HttpString.tryFromString("Strict-Transport-Security");

    private final String value;
    private final HttpHandler next;

    public HstsHandler(Duration maxAge, HttpHandler next) {
        this.value = "max-age=" + maxAge.toSeconds();
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.addResponseCommitListener(committed -> {
            if (!committed.getResponseHeaders().contains(STRICT_TRANSPORT_SECURITY)) {
                committed.getResponseHeaders().put(STRICT_TRANSPORT_SECURITY, value);
            }
        });
        next.handleRequest(exchange);
    }
}
