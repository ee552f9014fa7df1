package io.junction.server.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;

import java.nio.charset.StandardCharsets;

/**
 * An exchange's request head written out as HTTP/1.x bytes from what Undertow parsed (one field line per value), so
 * the own engine's parser and {@code HeadWriter} can apply their rules to requests Undertow received, HTTP/2 ones
 * included: one owner for each rule.
 */
public final class ExchangeHead {

    private ExchangeHead() {
    }

    /**
     * @param version the version for the start line ({@code HTTP/1.1} for an HTTP/2 stream, which has no other)
     * @param extra   a field line to add ({@code Name: value}, no CRLF), or null
     */
    public static byte[] of(HttpServerExchange exchange, String version, String extra) {
        StringBuilder head = new StringBuilder(256)
                .append(exchange.getRequestMethod()).append(' ').append(exchange.getRequestURI());
        if (!exchange.getQueryString().isEmpty()) {
            head.append('?').append(exchange.getQueryString());
        }
        head.append(' ').append(version).append("\r\n");
        for (HeaderValues field : exchange.getRequestHeaders()) {
            for (String value : field) {
                head.append(field.getHeaderName()).append(": ").append(value).append("\r\n");
            }
        }
        if (extra != null) {
            head.append(extra).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
