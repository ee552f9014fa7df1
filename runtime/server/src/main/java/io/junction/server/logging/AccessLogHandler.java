package io.junction.server.logging;

import io.junction.server.http.ExchangeRequestView;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;

import java.time.Instant;

/** The Undertow chain's hook: one {@link AccessRecord} per exchange, built when the exchange completes. */
public final class AccessLogHandler implements HttpHandler {

    private static final AttachmentKey<UpstreamTrace> UPSTREAM = AttachmentKey.create(UpstreamTrace.class);

    private final String listener;
    private final AccessLog log;
    private final HttpHandler next;

    public AccessLogHandler(String listener, AccessLog log, HttpHandler next) {
        this.listener = listener;
        this.log = log;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            try {
                log.record(record(ex, start, System.nanoTime() - startNanos));
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    /** Called by the forwarder of a proxied exchange: its pool, backend and upstream time go into the record. */
    public static void trace(HttpServerExchange exchange, UpstreamTrace trace) {
        exchange.putAttachment(UPSTREAM, trace);
    }

    private AccessRecord record(HttpServerExchange exchange, Instant start, long durationNanos) {
        String query = exchange.getQueryString();
        AccessRecord.Builder record = AccessRecord.builder()
                .start(start)
                .client(ExchangeRequestView.of(exchange).remoteAddress())
                .listener(listener)
                .request(exchange.getRequestMethod().toString(),
                        exchange.getRequestURI() + (query.isEmpty() ? "" : "?" + query),
                        exchange.getProtocol().toString())
                .response(exchange.getStatusCode(), exchange.getResponseBytesSent(), durationNanos)
                .headers(exchange.getRequestHeaders().getFirst(Headers.REFERER), exchange.getRequestHeaders().getFirst(Headers.USER_AGENT));
        UpstreamTrace upstream = exchange.getAttachment(UPSTREAM);
        return (upstream == null ? record : upstream.addTo(record)).build();
    }
}
