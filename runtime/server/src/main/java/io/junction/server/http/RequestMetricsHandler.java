package io.junction.server.http;

import com.codahale.metrics.Meter;
import com.codahale.metrics.Timer;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Times every request of a listener and counts the ones answered with a 5xx. */
public final class RequestMetricsHandler implements HttpHandler {

    private final Timer requests;
    private final Meter errors;
    private final HttpHandler next;

    public RequestMetricsHandler(Timer requests, Meter errors, HttpHandler next) {
        this.requests = requests;
        this.errors = errors;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long start = System.nanoTime();
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            requests.update(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            if (ex.getStatusCode() >= 500) {
                errors.mark();
            }
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }
}
