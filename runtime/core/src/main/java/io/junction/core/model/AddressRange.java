package io.junction.core.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A block of IPv4 or IPv6 addresses in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare address is
 * the block of that one address). Only literals are taken, so reading one never asks DNS.
 */
public final class AddressRange {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final String text;
    private final byte[] network;
    private final int prefix;

    private AddressRange(String text, byte[] network, int prefix) {
        this.text = text;
        this.network = network;
        this.prefix = prefix;
    }

    /** @throws InvalidSpecException when {@code text} is not an address or an address/prefix length */
    public static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
        int bits = address == null ? 0 : address.getAddress().length * 8;
        int prefix = slash < 0 ? bits : prefixLength(text.substring(slash + 1), bits);
        if (address == null || prefix < 0) {
            throw new InvalidSpecException("'" + text + "' is not an address range; write e.g. '10.0.0.0/8', "
                    + "'127.0.0.1/32' or '2001:db8::/32'");
        }
        return new AddressRange(text, address.getAddress(), prefix);
    }

    /**
     * An IPv4 address in dotted decimal (four parts, each 0-255) or an IPv6 address in its text forms, else
     * {@code null}; never a host name, so never a DNS query.
     */
    public static InetAddress literal(String text) {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(v4.group(i + 1));
                if (part > 255) {
                    return null;
                }
                bytes[i] = (byte) part;
            }
            return byAddress(bytes);
        }
        if (!IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            // with a colon in it, the JDK parses the text as an IPv6 literal and never looks it up
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * {@link #literal}, also taking an IPv6 address in brackets ({@code [2001:db8::1]}) as URLs and forwarding
     * fields write it.
     */
    public static InetAddress hostLiteral(String text) {
        boolean bracketed = text.startsWith("[") && text.endsWith("]");
        return literal(bracketed ? text.substring(1, text.length() - 1) : text);
    }

    /** Whether {@code address} is in the block; an IPv4 address is never in an IPv6 block, nor the reverse. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit += 8) {
            int mask = 0xff << (8 - Math.min(8, prefix - bit)) & 0xff;
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static int prefixLength(String text, int bits) {
        if (!text.matches("\\d{1,3}")) {
            return -1;
        }
        int length = Integer.parseInt(text);
        return length <= bits ? length : -1;
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && range.prefix == prefix && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
