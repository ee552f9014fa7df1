package io.junction.server.http;

import io.junction.api.RequestView;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.AttachmentKey;

import java.util.Deque;
import java.util.Locale;

/** The plugin API's view of an Undertow exchange; one per request, attached for later stages. */
public final class ExchangeRequestView implements RequestView {

    private static final AttachmentKey<ExchangeRequestView> KEY = AttachmentKey.create(ExchangeRequestView.class);

    private final HttpServerExchange exchange;
    private final String host;
    private String clientAddress;

    private ExchangeRequestView(HttpServerExchange exchange) {
        this.exchange = exchange;
        this.host = exchange.getHostName() == null ? "" : exchange.getHostName().toLowerCase(Locale.ROOT);
    }

    /** The view of {@code exchange}, created on first use. */
    public static ExchangeRequestView of(HttpServerExchange exchange) {
        ExchangeRequestView view = exchange.getAttachment(KEY);
        if (view == null) {
            view = new ExchangeRequestView(exchange);
            exchange.putAttachment(KEY, view);
        }
        return view;
    }

    @Override
    public String method() {
        return exchange.getRequestMethod().toString();
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String path() {
        return exchange.getRequestPath();
    }

    @Override
    public String query() {
        return exchange.getQueryString();
    }

    @Override
    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** Undertow parses the cookies once per exchange, on first use. */
    @Override
    public String cookie(String name) {
        Cookie cookie = exchange.getRequestCookie(name);
        return cookie == null ? null : cookie.getValue();
    }

    /** Undertow has parsed and decoded the query before the handlers run; no allocation here. */
    @Override
    public String queryParameter(String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null ? null : values.peekFirst();
    }

    /** The client as the listener's trusted proxies tell it, once per exchange. */
    @Override
    public String remoteAddress() {
        if (clientAddress == null) {
            clientAddress = ForwardingHandler.clientAddress(exchange);
        }
        return clientAddress;
    }
}
