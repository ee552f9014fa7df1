package io.junction.core.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A block of IP addresses, {@code 10.0.0.0/8} or {@code 2001:db8::/32}; an address without a length is the one
 * host. Only literal addresses are accepted, so parsing never asks DNS.
 */
public record Cidr(byte[] network, int prefixLength, String text) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public static Cidr parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = addressBytes(address).orElseThrow(() -> new InvalidSpecException("client address block '" + text
                + "' is not an IPv4 or IPv6 address with an optional /length, e.g. 10.0.0.0/8 or 2001:db8::/32"));
        int bits = bytes.length * 8;
        int length = bits;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            length = digits.matches("\\d{1,3}") ? Integer.parseInt(digits) : -1;
            if (length < 0 || length > bits) {
                throw new InvalidSpecException("client address block '" + text + "': the length after '/' must be 0.." + bits);
            }
        }
        return new Cidr(mask(bytes, length), length, trimmed);
    }

    /** Whether the address (text as the request gives it) is in this block; false for anything not an address. */
    public boolean contains(String address) {
        return address != null && addressBytes(address).map(this::contains).orElse(false);
    }

    public boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(mask(address, prefixLength), network);
    }

    /** The bytes of a literal IPv4 or IPv6 address (an IPv4-mapped IPv6 address gives the IPv4 bytes). */
    public static Optional<byte[]> addressBytes(String address) {
        String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        boolean v4 = IPV4.matcher(a).matches();
        if (!v4 && a.indexOf(':') < 0) {
            return Optional.empty();
        }
        if (v4 && Arrays.stream(a.split("\\.")).anyMatch(part -> Integer.parseInt(part) > 255)) {
            return Optional.empty();
        }
        try {
            // a literal (dotted quad, or containing ':') is parsed, never looked up
            return Optional.of(InetAddress.getByName(a).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static byte[] mask(byte[] address, int length) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, length - i * 8));
            masked[i] &= (byte) (0xFF << (8 - keep));
        }
        return masked;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefixLength == prefixLength && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }
}
