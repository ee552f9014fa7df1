package io.junction.server.admin;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards a mutation when a token is set: no bearer token is 401, a wrong one 403. Without a token
 * (allowed on loopback only, see the settings) every caller passes.
 */
final class TokenCheck implements HttpHandler {

    private static final String BEARER = "Bearer ";

    private final byte[] token;
    private final HttpHandler next;

    TokenCheck(String token, HttpHandler next) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (token.length == 0) {
            next.handleRequest(exchange);
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith(BEARER)) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"junction-admin\"");
            Json.error(exchange, 401, "this needs 'Authorization: Bearer <junction.admin.token>'");
            return;
        }
        // constant time: the comparison must not tell how much of a guess was right
        byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, given)) {
            Json.error(exchange, 403, "wrong admin token");
            return;
        }
        next.handleRequest(exchange);
    }
}
