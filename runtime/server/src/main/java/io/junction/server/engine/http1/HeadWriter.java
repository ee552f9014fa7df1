package io.junction.server.engine.http1;

import io.junction.core.edit.ForwardingFields;

import java.nio.ByteBuffer;

/**
 * Writes a parsed head on to the next hop, once, straight from the parser's array into an outgoing
 * buffer, applying the forwarding rules on the way (RFC 9110 7.6): hop-by-hop fields and the fields
 * a Connection option names are dropped (never the framing fields, which the bytes that follow rely
 * on); a request also loses every field a client may not set ({@link ForwardingFields#isReserved}):
 * Junction's own come with the edits. Creates no Strings.
 */
public final class HeadWriter {

    private static final String[] HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade"};
    private static final String[] RESERVED = ForwardingFields.RESERVED.toArray(String[]::new);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] COLON = {':', ' '};
    private static final byte[] CONNECTION = bytes("Connection: ");
    private static final byte[] UPGRADE = bytes("upgrade");
    private static final byte[] FORWARDED_HOST = bytes(ForwardingFields.FORWARDED_HOST + ": ");

    private HeadWriter() {
    }

    /**
     * The request head for a backend. An upgrade request keeps its Upgrade field and says
     * {@code Connection: upgrade}; any other asks for nothing (HTTP/1.1 keeps the connection).
     *
     * @param target the request target to send (normalised or rewritten), or null for the one received
     * @param edits  the route's edits and the forwarding fields: a new path in the target (query kept), fields left
     *               out and added
     * @throws java.nio.BufferOverflowException when {@code out} is too small
     */
    public static void request(RequestHeadParser head, byte[] target, ByteBuffer out, HeadEdits edits) {
        byte[] b = head.bytes();
        if (target == null) {
            out.put(b, 0, head.startLineEnd() + 2);
        } else {
            out.put(b, 0, head.targetStart()).put(target).put(b, head.targetEnd(), head.startLineEnd() + 2 - head.targetEnd());
        }
        boolean upgrade = head.upgrade();
        fields(head, out, upgrade, true, edits);
        edits.writeAdded(out);
        forwardingLines(head, out, edits.forwardingLines());
        if (upgrade) {
            out.put(CONNECTION).put(UPGRADE).put(CRLF);
        }
        out.put(CRLF);
    }

    /**
     * The response head for the client: status line as received, fields without hop-by-hop ones (a
     * 101 keeps Upgrade and says {@code Connection: upgrade}), then {@code Connection: connection} when
     * that is not null ({@code close}, or {@code keep-alive} for an HTTP/1.0 client), then {@code added}
     * ({@code Name: value}) when that is not null.
     */
    public static void response(ResponseHeadParser head, ByteBuffer out, byte[] connection, HeadEdits edits) {
        byte[] b = head.bytes();
        out.put(b, 0, head.startLineEnd() + 2);
        boolean upgrade = head.status() == 101;
        fields(head, out, upgrade, false, edits);
        edits.writeAdded(out);
        if (upgrade) {
            out.put(CONNECTION).put(UPGRADE).put(CRLF);
        } else if (connection != null) {
            out.put(CONNECTION).put(connection).put(CRLF);
        }
        out.put(CRLF);
    }

    /**
     * Whether a response field reaches the client by the rule {@link #response} writes with: not hop-by-hop, not named
     * by Connection (a 101 keeps Upgrade). For an engine that passes the head on field by field (Undertow's exchanges).
     */
    public static boolean passesOn(ResponseHeadParser head, int index) {
        return !dropped(head, index, head.status() == 101, false);
    }

    /** The connection's forwarding lines, then X-Forwarded-Host copied from a Host field that is not empty. */
    private static void forwardingLines(RequestHeadParser head, ByteBuffer out, byte[] lines) {
        if (lines == null) {
            return;
        }
        out.put(lines);
        int host = head.hostField();
        if (host >= 0 && head.headers().valueEnd(host) > head.headers().valueStart(host)) {
            int start = head.headers().valueStart(host);
            out.put(FORWARDED_HOST).put(head.bytes(), start, head.headers().valueEnd(host) - start).put(CRLF);
        }
    }

    /** The start line with the target's path replaced: method, new path, the old query, version. */
    private static void fields(HeadParser head, ByteBuffer out, boolean keepUpgrade, boolean request, HeadEdits edits) {
        HeaderFields headers = head.headers();
        byte[] b = head.bytes();
        for (int i = 0; i < headers.count(); i++) {
            if (dropped(head, i, keepUpgrade, request) || edits.drops(headers, i)) {
                continue;
            }
            int nameStart = headers.nameStart(i);
            out.put(b, nameStart, headers.nameEnd(i) - nameStart).put(COLON);
            int valueStart = headers.valueStart(i);
            out.put(b, valueStart, headers.valueEnd(i) - valueStart).put(CRLF);
        }
    }

    private static boolean dropped(HeadParser head, int index, boolean keepUpgrade, boolean request) {
        HeaderFields headers = head.headers();
        if (headers.nameIs(index, "content-length") || headers.nameIs(index, "transfer-encoding")) {
            return false;
        }
        if (keepUpgrade && headers.nameIs(index, "upgrade")) {
            return false;
        }
        return anyName(headers, index, HOP_BY_HOP) || request && reserved(headers, index)
                || head.connection().lists(headers, index);
    }

    private static boolean reserved(HeaderFields headers, int index) {
        return anyName(headers, index, RESERVED) || headers.nameStartsWith(index, ForwardingFields.RESERVED_PREFIX);
    }

    private static boolean anyName(HeaderFields headers, int index, String[] names) {
        for (String name : names) {
            if (headers.nameIs(index, name)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
