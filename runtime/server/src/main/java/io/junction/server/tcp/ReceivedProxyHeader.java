package io.junction.server.tcp;

import io.junction.core.model.AddressRange;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the PROXY protocol header (v1 or v2, HAProxy's proxy-protocol.txt) a trusted balancer starts a connection
 * with, from the bytes read so far, without consuming them. Strict: anything that is not exactly a header is
 * malformed, and the connection is closed rather than guessed at. A header that names no addresses (v1
 * {@code UNKNOWN}, v2 {@code LOCAL}, {@code UNSPEC} or a unix socket) leaves the connection's own addresses in place.
 *
 * @param length      the header's size in bytes, what the client's data starts after
 * @param source      the client the balancer names, or {@code null} for the connection's own peer
 * @param destination the address the client connected to, or {@code null} for the connection's own
 * @param error       why the bytes are not a header; {@code null} when they are (or may still become) one
 */
record ReceivedProxyHeader(int length, InetSocketAddress source, InetSocketAddress destination, String error) {

    /** The most a v1 line may take, CRLF included. */
    static final int V1_MAX = 107;
    private static final byte[] V1_START = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int V2_FIXED = 16;
    private static final ReceivedProxyHeader NEED_MORE = new ReceivedProxyHeader(0, null, null, null);

    /** Whether more bytes must be read to tell. */
    boolean needsMore() {
        return length == 0 && error == null;
    }

    boolean malformed() {
        return error != null;
    }

    /**
     * @param data the bytes read so far, from its position to its limit; not modified
     * @param capacity the most bytes that can ever be read for the header: a longer v2 header is malformed
     */
    static ReceivedProxyHeader read(ByteBuffer data, int capacity) {
        ByteBuffer bytes = data.slice();
        if (startsWith(bytes, V2_SIGNATURE)) {
            return bytes.remaining() < V2_SIGNATURE.length ? NEED_MORE : v2(bytes, capacity);
        }
        if (startsWith(bytes, V1_START)) {
            return bytes.remaining() < V1_START.length ? NEED_MORE : v1(bytes);
        }
        return malformed("the connection does not start with a PROXY protocol header");
    }

    /** Whether the bytes so far agree with {@code prefix} (all of them, or all of it). */
    private static boolean startsWith(ByteBuffer bytes, byte[] prefix) {
        for (int i = 0; i < Math.min(prefix.length, bytes.remaining()); i++) {
            if (bytes.get(i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static ReceivedProxyHeader v1(ByteBuffer bytes) {
        int end = -1;
        for (int i = 1; i < Math.min(bytes.remaining(), V1_MAX); i++) {
            if (bytes.get(i - 1) == '\r' && bytes.get(i) == '\n') {
                end = i + 1;
                break;
            }
        }
        if (end < 0) {
            return bytes.remaining() >= V1_MAX ? malformed("v1 header without CRLF in its first " + V1_MAX + " bytes") : NEED_MORE;
        }
        byte[] line = new byte[end - 2];
        bytes.get(0, line);
        String[] fields = new String(line, StandardCharsets.US_ASCII).split(" ", -1);
        if (fields.length >= 2 && fields[1].equals("UNKNOWN")) {
            return new ReceivedProxyHeader(end, null, null, null);
        }
        if (fields.length != 6 || !(fields[1].equals("TCP4") || fields[1].equals("TCP6"))) {
            return malformed("v1 header is not 'PROXY TCP4|TCP6 source destination sport dport' nor 'PROXY UNKNOWN'");
        }
        boolean v4 = fields[1].equals("TCP4");
        InetAddress source = AddressRange.literal(fields[2]);
        InetAddress destination = AddressRange.literal(fields[3]);
        int sourcePort = port(fields[4]);
        int destinationPort = port(fields[5]);
        if (source == null || destination == null || source instanceof Inet4Address != v4
                || destination instanceof Inet4Address != v4) {
            return malformed("v1 header has addresses that are not " + fields[1]);
        }
        if (sourcePort < 0 || destinationPort < 0) {
            return malformed("v1 header has a port that is not 0-65535");
        }
        return new ReceivedProxyHeader(end, new InetSocketAddress(source, sourcePort),
                new InetSocketAddress(destination, destinationPort), null);
    }

    private static int port(String text) {
        return text.matches("0|[1-9][0-9]{0,4}") && Integer.parseInt(text) <= 65535 ? Integer.parseInt(text) : -1;
    }

    private static ReceivedProxyHeader v2(ByteBuffer bytes, int capacity) {
        if (bytes.remaining() < V2_FIXED) {
            return NEED_MORE;
        }
        int versionCommand = bytes.get(12) & 0xff;
        int family = (bytes.get(13) & 0xff) >> 4;
        int transport = bytes.get(13) & 0x0f;
        int length = V2_FIXED + (bytes.getShort(14) & 0xffff);
        if (versionCommand >> 4 != 2 || (versionCommand & 0x0f) > 1) {
            return malformed("v2 header with version/command 0x" + Integer.toHexString(versionCommand) + " (expected 0x20 or 0x21)");
        }
        if (family > 3 || transport > 2) {
            return malformed("v2 header with address family/transport 0x" + Integer.toHexString(bytes.get(13) & 0xff));
        }
        if (length > capacity) {
            return malformed("v2 header of " + length + " bytes, more than the " + capacity + " taken");
        }
        if (bytes.remaining() < length) {
            return NEED_MORE;
        }
        boolean local = (versionCommand & 0x0f) == 0;
        int addressBytes = family == 1 ? 4 : family == 2 ? 16 : 0;
        if (local || addressBytes == 0) {
            return new ReceivedProxyHeader(length, null, null, null);
        }
        if (length < V2_FIXED + 2 * addressBytes + 4) {
            return malformed("v2 header too short for its addresses");
        }
        int ports = V2_FIXED + 2 * addressBytes;
        return new ReceivedProxyHeader(length,
                new InetSocketAddress(address(bytes, V2_FIXED, addressBytes), bytes.getShort(ports) & 0xffff),
                new InetSocketAddress(address(bytes, V2_FIXED + addressBytes, addressBytes), bytes.getShort(ports + 2) & 0xffff),
                null);
    }

    private static InetAddress address(ByteBuffer bytes, int at, int length) {
        byte[] address = new byte[length];
        bytes.get(at, address);
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ReceivedProxyHeader malformed(String reason) {
        return new ReceivedProxyHeader(0, null, null, reason);
    }
}
