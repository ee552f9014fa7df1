package io.junction.server.logging;

import java.time.Instant;
import java.util.Objects;

/**
 * One finished request as the access log sees it. Engine-neutral: the Undertow chain and the own engine
 * both build it. {@code pool}, {@code backend}, {@code upstreamNanos}, {@code retries} (attempts beyond the first)
 * are {@code null}/-1 when the request was not forwarded (or the engine does not know yet); {@code bytesSent} counts the response body.
 */
public record AccessRecord(Instant start, String client, String listener, String method, String target, String protocol,
                           int status, long bytesSent, long durationNanos, String referer, String userAgent,
                           String pool, String backend, long upstreamNanos, int retries) {

    public AccessRecord {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: start, listener, method and target are required; the rest defaults to unknown. */
    public static final class Builder {
        private Instant start;
        private String client;
        private String listener;
        private String method;
        private String target;
        private String protocol = "HTTP/1.1";
        private int status;
        private long bytesSent;
        private long durationNanos;
        private String referer;
        private String userAgent;
        private String pool;
        private String backend;
        private long upstreamNanos = -1;
        private int retries = -1;

        public Builder start(Instant start) {
            this.start = start;
            return this;
        }

        public Builder client(String client) {
            this.client = client;
            return this;
        }

        public Builder listener(String listener) {
            this.listener = listener;
            return this;
        }

        /** @param target the request target as received: path and query */
        public Builder request(String method, String target, String protocol) {
            this.method = method;
            this.target = target;
            this.protocol = protocol;
            return this;
        }

        public Builder response(int status, long bytesSent, long durationNanos) {
            this.status = status;
            this.bytesSent = bytesSent;
            this.durationNanos = durationNanos;
            return this;
        }

        public Builder headers(String referer, String userAgent) {
            this.referer = referer;
            this.userAgent = userAgent;
            return this;
        }

        public Builder upstream(String pool, String backend, long upstreamNanos, int retries) {
            this.pool = pool;
            this.backend = backend;
            this.upstreamNanos = upstreamNanos;
            this.retries = retries;
            return this;
        }

        public AccessRecord build() {
            return new AccessRecord(start, client, listener, method, target, protocol, status, bytesSent, durationNanos,
                    referer, userAgent, pool, backend, upstreamNanos, retries);
        }
    }
}
