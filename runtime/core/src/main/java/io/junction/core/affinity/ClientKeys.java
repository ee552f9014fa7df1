package io.junction.core.affinity;

import io.junction.core.model.AffinitySpec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** The store keys of clients: one namespace per pool and kind of key, so pools can share a store. */
final class ClientKeys {

    private final String prefix;

    ClientKeys(String poolName) {
        this.prefix = poolName + ":";
    }

    String session(String sessionId) {
        return prefix + "s:" + sessionId;
    }

    String learned(String cookieValue) {
        return prefix + "l:" + cookieValue;
    }

    /** The client's network: its address cut to the prefix length of its family; null when it is not an IP literal. */
    String network(String address, AffinitySpec.ClientIp spec) {
        if (address == null || address.isEmpty() || !(address.indexOf(':') >= 0 || Character.isDigit(address.charAt(0)))) {
            return null; // never let InetAddress resolve a name
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
        int bits = bytes.length == 4 ? spec.ipv4Prefix() : spec.ipv6Prefix();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        return prefix + "ip:" + HexFormat.of().formatHex(bytes) + "/" + bits;
    }
}
