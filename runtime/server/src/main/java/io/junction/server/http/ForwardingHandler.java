package io.junction.server.http;

import io.junction.core.edit.ForwardingFields;
import io.junction.core.edit.HeaderEditor;
import io.junction.core.model.ForwardingSpec;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Tells the later stages of an exchange what its listener's forwarding options are: the client address
 * routes and balancers see ({@link #clientAddress}), the fields written to the backend ({@link #writeTo}) and
 * whether the backend receives the path as received. Core's {@link ForwardingFields} holds the rule.
 */
public final class ForwardingHandler implements HttpHandler {

    private static final AttachmentKey<ForwardingHandler> KEY = AttachmentKey.create(ForwardingHandler.class);
    /** For an exchange that did not pass a listener's handler (none today): nobody trusted. */
    private static final ForwardingHandler DEFAULTS = new ForwardingHandler(ForwardingSpec.DEFAULTS, null);

    private final ForwardingFields fields;
    private final boolean rawPath;
    private final HttpHandler next;

    public ForwardingHandler(ForwardingSpec spec, HttpHandler next) {
        this.fields = new ForwardingFields(spec);
        this.rawPath = spec.rawPath();
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.putAttachment(KEY, this);
        next.handleRequest(exchange);
    }

    /** Whether the backend receives the path exactly as received. */
    static boolean rawPath(HttpServerExchange exchange) {
        return of(exchange).rawPath;
    }

    /** The client address: the peer, or the one its trusted proxies name. */
    static String clientAddress(HttpServerExchange exchange) {
        return of(exchange).fields.clientAddress(peer(exchange).getHostString(), name -> values(exchange.getRequestHeaders(), name));
    }

    /**
     * Adds Junction's forwarding fields for the exchange's request, as received, to a head being written whose
     * writer leaves out the client's reserved fields itself.
     */
    public static void writeTo(HttpServerExchange exchange, HeaderEditor outgoing) {
        HeaderMap received = exchange.getRequestHeaders();
        InetSocketAddress peer = peer(exchange);
        InetSocketAddress local = exchange.getConnection().getLocalAddress(InetSocketAddress.class);
        of(exchange).fields.write(new ForwardingFields.Received(peer.getAddress().getHostAddress(), peer.getPort(),
                received.getFirst(Headers.HOST), local.getPort(), "https".equals(exchange.getRequestScheme()),
                name -> values(received, name)), outgoing);
    }

    private static ForwardingHandler of(HttpServerExchange exchange) {
        ForwardingHandler handler = exchange.getAttachment(KEY);
        return handler == null ? DEFAULTS : handler;
    }

    /** The TCP peer: never a PROXY-protocol or header-derived address. */
    private static InetSocketAddress peer(HttpServerExchange exchange) {
        return exchange.getConnection().getPeerAddress(InetSocketAddress.class);
    }

    private static List<String> values(HeaderMap headers, String name) {
        HeaderValues values = headers.get(name);
        return values == null ? List.of() : List.copyOf(values);
    }
}
