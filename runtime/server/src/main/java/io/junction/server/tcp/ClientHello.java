package io.junction.server.tcp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the server name (SNI, RFC 6066) a TLS client asks for from the first record of its connection, without
 * terminating TLS and without consuming or changing the bytes, which are forwarded untouched afterwards. Only the
 * first record is read: a ClientHello is far smaller than one record (16 KiB) in practice.
 */
final class ClientHello {

    private static final int HANDSHAKE = 22;
    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_NAME = 0;
    private static final int HOST_NAME = 0;
    private static final int RECORD_HEADER = 5;

    private final ByteBuffer data;
    private final int end;

    private ClientHello(ByteBuffer data, int end) {
        this.data = data;
        this.end = end;
    }

    /**
     * @param data the bytes read so far, from its position to its limit; not modified
     * @return the server name in lower case; "" when the bytes are not a ClientHello with one (or its record could
     * never fit {@code data}'s capacity); {@code null} when more bytes are needed to tell
     */
    static String serverName(ByteBuffer data) {
        int start = data.position();
        int available = data.remaining();
        if (available >= 1 && (data.get(start) & 0xff) != HANDSHAKE) {
            return "";
        }
        if (available < RECORD_HEADER) {
            return null;
        }
        int recordEnd = start + RECORD_HEADER + (((data.get(start + 3) & 0xff) << 8) | (data.get(start + 4) & 0xff));
        if (recordEnd - start > data.capacity() - start) {
            return "";
        }
        if (recordEnd > data.limit()) {
            return null;
        }
        try {
            return new ClientHello(data, recordEnd).read(start + RECORD_HEADER);
        } catch (IndexOutOfBoundsException malformed) {
            return "";
        }
    }

    private String read(int at) {
        if (u8(at) != CLIENT_HELLO) {
            return "";
        }
        int p = at + 4 + 2 + 32;        // handshake header, client version, random
        p += 1 + u8(p);                 // session id
        p += 2 + u16(p);                // cipher suites
        p += 1 + u8(p);                 // compression methods
        int extensionsEnd = Math.min(end, p + 2 + u16(p));
        for (p += 2; p + 4 <= extensionsEnd; p += 4 + u16(p + 2)) {
            if (u16(p) == SERVER_NAME) {
                return hostName(p + 4);
            }
        }
        return "";
    }

    private String hostName(int list) {
        int listEnd = list + 2 + u16(list);
        for (int q = list + 2; q + 3 <= listEnd; q += 3 + u16(q + 1)) {
            if (u8(q) == HOST_NAME) {
                int length = u16(q + 1);
                u8(q + 2 + length);     // the whole name is inside the record
                byte[] name = new byte[length];
                data.get(q + 3, name);
                return new String(name, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    private int u8(int index) {
        if (index >= end) {
            throw new IndexOutOfBoundsException(index);
        }
        return data.get(index) & 0xff;
    }

    private int u16(int index) {
        return (u8(index) << 8) | u8(index + 1);
    }
}
