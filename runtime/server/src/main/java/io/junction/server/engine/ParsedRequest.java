package io.junction.server.engine;

import io.junction.api.RequestView;
import io.junction.core.edit.ForwardingFields;
import io.junction.core.http.BadPathException;
import io.junction.core.http.RequestPath;
import io.junction.server.engine.http1.HeadEdits;
import io.junction.server.engine.http1.RecentStrings;
import io.junction.server.engine.http1.RequestHeadParser;
import io.junction.server.engine.http1.RequestMethod;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;


/**
 * The plugin API's view of the request a connection's parser holds. Strings are made only when routing
 * or a balancer asks, once per request, and come from the loop's {@link RecentStrings} when its requests
 * repeat; {@link #reset} forgets them for the next request.
 */
final class ParsedRequest implements RequestView {

    private final RequestHeadParser head;
    private final RecentStrings recent;
    /** The client of the connection that holds this now, and its address as text, kept while clients repeat. */
    private InetAddress peerAddress;
    private String peer;
    private int peerPort;
    private int listenerPort;
    private EngineRoutes routes;
    private String clientAddress;
    private String host;
    private RecentStrings.Target target;
    /** The rule {@link #forwardingLines} were made by: a reload may bring another. */
    private ForwardingFields linesRule;
    /** The client and listener port {@link #forwardingLines} were made for: the next connection may be another's. */
    private String linesPeer;
    private int linesPort;
    /** {@link ForwardingFields#connectionLines} of {@link #linesPeer} under {@link #linesRule}; null when per request. */
    private byte[] forwardingLines;

    ParsedRequest(RequestHeadParser head, RecentStrings recent) {
        this.head = head;
        this.recent = recent;
    }

    /** For the requests of the client at {@code remote} on the listener's {@code listenerPort}. */
    void bind(InetSocketAddress remote, int listenerPort) {
        InetAddress address = remote.getAddress();
        if (!address.equals(peerAddress)) {
            peerAddress = address;
            peer = address.getHostAddress();
        }
        peerPort = remote.getPort();
        this.listenerPort = listenerPort;
    }

    /** @param routes what the listener serves this request with: its forwarding fields and path rule */
    void reset(EngineRoutes routes) {
        this.routes = routes;
        clientAddress = null;
        host = null;
        target = null;
    }

    @Override
    public String method() {
        RequestMethod method = head.method();
        return method == RequestMethod.OTHER ? head.methodName() : method.name();
    }

    @Override
    public String host() {
        if (host == null) {
            host = recent.hostName(head);
        }
        return host;
    }

    /**
     * The path routes match: the normalised path of {@link #backendTarget} (see {@link RequestPath}).
     *
     * @throws BadPathException when the path cannot be normalised (answered 400)
     */
    @Override
    public String path() {
        return target().routablePath();
    }

    /**
     * The target the backend receives: a route's rewritten path (percent-encoded), else the normalised path; then
     * the query as received. Null when that is the target exactly as received, the common case: nothing to copy.
     */
    byte[] backendTarget(String rewrittenPath) {
        RecentStrings.Target received = target();
        String t = received.value();
        if (rewrittenPath == null && routes.rawPath()) {
            return received.absoluteForm() ? t.substring(received.pathStart()).getBytes(StandardCharsets.ISO_8859_1) : null;
        }
        String path = rewrittenPath != null ? rewrittenPath : received.normalizedPath();
        int query = t.indexOf('?');
        int pathEnd = query < 0 ? t.length() : query;
        if (!received.absoluteForm() && path.length() == pathEnd && t.startsWith(path)) {
            return null;
        }
        return (query < 0 ? path : path + t.substring(query)).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String query() {
        String t = target().value();
        int query = t.indexOf('?');
        return query < 0 ? "" : t.substring(query + 1);
    }

    @Override
    public String header(String name) {
        int index = head.headers().indexOf(name);
        return index < 0 ? null : head.headers().value(index);
    }

    /** The client as the listener's trusted proxies tell it ({@link ForwardingFields#clientAddress}). */
    @Override
    public String remoteAddress() {
        if (clientAddress == null) {
            clientAddress = routes.forwarding().clientAddress(peer, head.headers()::values);
        }
        return clientAddress;
    }

    /** Adds Junction's forwarding fields for this request to {@code head}: the connection's lines when the rule has them. */
    void writeForwarding(HeadEdits head) {
        ForwardingFields rule = routes.forwarding();
        if (rule != linesRule || peer != linesPeer || listenerPort != linesPort) {
            linesRule = rule;
            linesPeer = peer;
            linesPort = listenerPort;
            forwardingLines = rule.connectionLines(peer, listenerPort, false);
        }
        if (forwardingLines != null) {
            head.forwarding(forwardingLines);
            return;
        }
        rule.write(new ForwardingFields.Received(peer, peerPort, header("Host"), listenerPort, false,
                this.head.headers()::values), head);
    }

    private RecentStrings.Target target() {
        if (target == null) {
            target = recent.target(head);
        }
        return target;
    }
}
