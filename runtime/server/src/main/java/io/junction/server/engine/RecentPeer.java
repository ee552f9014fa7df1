package io.junction.server.engine;

import io.junction.core.edit.ForwardingFields;

/**
 * The client address a loop's last connection came from and its forwarding lines, shared by the connections from
 * the same address and listener (behind a load balancer or a NAT, most are): each would otherwise keep its own
 * copy of the same String and bytes for as long as it is open, idle or not.
 */
final class RecentPeer {

    private String address;
    private int listenerPort;
    private ForwardingFields rule;
    private byte[] lines;

    /** @return the address kept, when equal to {@code address}, else {@code address}, which is then kept */
    String address(String address) {
        if (!address.equals(this.address)) {
            this.address = address;
            rule = null;
        }
        return this.address;
    }

    /** {@link ForwardingFields#connectionLines} of a connection from {@code peer} (never https: the own engine's). */
    byte[] lines(ForwardingFields rule, String peer, int listenerPort) {
        if (rule != this.rule || listenerPort != this.listenerPort || !peer.equals(address)) {
            address = peer;
            this.rule = rule;
            this.listenerPort = listenerPort;
            lines = rule.connectionLines(peer, listenerPort, false);
        }
        return lines;
    }
}
