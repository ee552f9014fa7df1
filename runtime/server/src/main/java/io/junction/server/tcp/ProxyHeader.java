package io.junction.server.tcp;

import io.junction.core.model.ProxyProtocol;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The PROXY protocol header (HAProxy's proxy-protocol.txt) a backend connection starts with: who the client is
 * ({@code source}) and which address of Junction it connected to ({@code destination}). When the two are not of one
 * family the header says so (v1 {@code UNKNOWN}, v2 {@code UNSPEC}) and the backend uses the connection's own
 * addresses.
 */
final class ProxyHeader {

    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** Version 2, command PROXY. */
    private static final byte V2_PROXY = 0x21;
    private static final byte TCP_OVER_IPV4 = 0x11;
    private static final byte TCP_OVER_IPV6 = 0x21;
    private static final byte UNSPEC = 0x00;

    private ProxyHeader() {
    }

    /** @return the header, ready to write; empty for {@link ProxyProtocol#NONE} */
    static ByteBuffer of(ProxyProtocol version, InetSocketAddress source, InetSocketAddress destination) {
        return switch (version) {
            case NONE -> ByteBuffer.allocate(0);
            case V1 -> v1(source, destination);
            case V2 -> v2(source, destination);
        };
    }

    private static ByteBuffer v1(InetSocketAddress source, InetSocketAddress destination) {
        String family = family(source, destination) == TCP_OVER_IPV4 ? "TCP4" : "TCP6";
        String line = family(source, destination) == UNSPEC ? "PROXY UNKNOWN\r\n"
                : "PROXY " + family + " " + text(source.getAddress()) + " " + text(destination.getAddress()) + " "
                        + source.getPort() + " " + destination.getPort() + "\r\n";
        return ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
    }

    private static ByteBuffer v2(InetSocketAddress source, InetSocketAddress destination) {
        byte family = family(source, destination);
        byte[] from = family == UNSPEC ? new byte[0] : source.getAddress().getAddress();
        byte[] to = family == UNSPEC ? new byte[0] : destination.getAddress().getAddress();
        int length = family == UNSPEC ? 0 : from.length + to.length + 4;
        ByteBuffer header = ByteBuffer.allocate(V2_SIGNATURE.length + 4 + length)
                .put(V2_SIGNATURE).put(V2_PROXY).put(family).putShort((short) length);
        if (family != UNSPEC) {
            header.put(from).put(to).putShort((short) source.getPort()).putShort((short) destination.getPort());
        }
        return header.flip();
    }

    private static byte family(InetSocketAddress source, InetSocketAddress destination) {
        InetAddress from = source.getAddress();
        InetAddress to = destination.getAddress();
        if (from instanceof Inet4Address && to instanceof Inet4Address) {
            return TCP_OVER_IPV4;
        }
        return from instanceof Inet6Address && to instanceof Inet6Address ? TCP_OVER_IPV6 : UNSPEC;
    }

    /** IPv4 dotted; IPv6 in the RFC 5952 form (lower case, the longest run of zero groups as "::"), as inet_ntop writes it. */
    private static String text(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }
}
