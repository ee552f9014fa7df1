package io.junction.core.edit;

import io.junction.core.model.AddressRange;
import io.junction.core.model.ForwardingSpec;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The forwarding fields of one listener, the rule both engines follow (each only reads the request and writes
 * what this says). A client's own X-Forwarded-*, Forwarded, X-Real-IP and X-Junction-* fields never reach a
 * backend ({@link #isReserved}); Junction writes X-Forwarded-For, -Proto, -Port (the listener's port), X-Real-IP
 * (the client address), -Host (the Host field as received) and, when the listener asks, Forwarded (RFC 7239).
 * A peer in {@code trustedProxies} is a proxy: its X-Forwarded-For and Forwarded are appended to, and the client
 * address is the rightmost X-Forwarded-For entry that is not trusted.
 */
public final class ForwardingFields {

    public static final String FORWARDED_FOR = "X-Forwarded-For";
    public static final String FORWARDED = "Forwarded";
    /** Written after {@link #connectionLines}, per request: the Host field as received, when it is not empty. */
    public static final String FORWARDED_HOST = "X-Forwarded-Host";
    /** Names (lower case) a client may not send on, plus any starting with {@link #RESERVED_PREFIX}. */
    public static final List<String> RESERVED = List.of("x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
            "x-forwarded-port", "x-forwarded-server", "forwarded", "x-real-ip");
    /** Junction's own fields: whatever a client sends under these names would be taken for Junction's word. */
    public static final String RESERVED_PREFIX = "x-junction-";

    private final List<AddressRange> trusted;
    private final boolean forwarded;

    public ForwardingFields(ForwardingSpec spec) {
        this.trusted = spec.trustedProxies();
        this.forwarded = spec.forwarded();
    }

    /** The request as it reached Junction: the peer's address and port, the Host field, the listener, its fields. */
    public record Received(String peer, int peerPort, String host, int listenerPort, boolean https,
                           Function<String, List<String>> fields) {
    }

    /** Whether a client-sent field of this name is dropped before Junction adds its own. */
    public static boolean isReserved(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return RESERVED.contains(lower) || lower.startsWith(RESERVED_PREFIX);
    }

    /**
     * The client: the peer itself, unless it is trusted; then X-Forwarded-For is walked from the right past
     * trusted addresses, and the first one that is not trusted is the client (all trusted: the leftmost). An entry
     * that is not an address ends the walk at the last address read, so garbage cannot pose as a client.
     *
     * @param fields the received fields by name (every line), read only when the peer is trusted
     */
    public String clientAddress(String peer, Function<String, List<String>> fields) {
        if (!trusts(peer)) {
            return peer;
        }
        List<String> entries = entries(fields.apply(FORWARDED_FOR));
        String client = peer;
        for (int i = entries.size() - 1; i >= 0; i--) {
            InetAddress address = AddressRange.hostLiteral(entries.get(i));
            if (address == null) {
                return client;
            }
            client = entries.get(i);
            if (!trusted(address)) {
                return client;
            }
        }
        return client;
    }

    /** Adds Junction's forwarding fields to a head whose reserved fields were dropped. */
    public void write(Received request, HeaderEditor head) {
        write(request, head::add);
    }

    private void write(Received request, BiConsumer<String, String> head) {
        boolean proxy = trusts(request.peer());
        head.accept(FORWARDED_FOR, appended(proxy, request.fields().apply(FORWARDED_FOR), request.peer()));
        head.accept("X-Forwarded-Proto", scheme(request));
        head.accept("X-Forwarded-Port", Integer.toString(request.listenerPort()));
        head.accept("X-Real-IP", clientAddress(request.peer(), request.fields()));
        if (request.host() != null && !request.host().isEmpty()) {
            head.accept(FORWARDED_HOST, request.host());
        }
        if (forwarded) {
            head.accept(FORWARDED, appended(proxy, request.fields().apply(FORWARDED), element(request)));
        }
    }

    /**
     * What {@link #write} adds before {@link #FORWARDED_HOST} for every request of a connection from {@code peer}, as
     * header lines ({@code Name: value} CRLF), when that is the same for all of them: the peer is not a trusted proxy
     * and Forwarded is off. An engine writes these bytes per request instead of building the fields again. Null when
     * the fields depend on the request.
     */
    public byte[] connectionLines(String peer, int listenerPort, boolean https) {
        if (forwarded || trusts(peer)) {
            return null;
        }
        StringBuilder lines = new StringBuilder();
        write(new Received(peer, 0, null, listenerPort, https, name -> List.of()),
                (name, value) -> lines.append(name).append(": ").append(value).append("\r\n"));
        return lines.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private boolean trusts(String peer) {
        if (trusted.isEmpty()) {
            return false;
        }
        InetAddress address = AddressRange.literal(peer);
        return address != null && trusted(address);
    }

    private boolean trusted(InetAddress address) {
        for (AddressRange range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** What a proxy sent, then ours; from anyone else, only ours. */
    private static String appended(boolean proxy, List<String> received, String ours) {
        return proxy && !received.isEmpty() ? String.join(", ", received) + ", " + ours : ours;
    }

    /** {@code for="[2001:db8::1]:4711";host=...;proto=http}: a node with a port is always quoted (RFC 7239 6). */
    private static String element(Received request) {
        String node = request.peer().indexOf(':') >= 0 ? "[" + request.peer() + "]" : request.peer();
        StringBuilder element = new StringBuilder("for=\"").append(node).append(':').append(request.peerPort()).append('"');
        if (request.host() != null && !request.host().isEmpty()) {
            element.append(";host=").append(tokenOrQuoted(request.host()));
        }
        return element.append(";proto=").append(scheme(request)).toString();
    }

    private static String scheme(Received request) {
        return request.https() ? "https" : "http";
    }

    private static String tokenOrQuoted(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            }
        }
        return value;
    }

    private static List<String> entries(List<String> fields) {
        List<String> entries = new ArrayList<>();
        for (String field : fields) {
            for (String entry : field.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.strip());
                }
            }
        }
        return entries;
    }
}
