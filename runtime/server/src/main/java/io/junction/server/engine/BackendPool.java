package io.junction.server.engine;

import io.junction.core.pool.PoolMember;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One event loop's idle keep-alive connections, per backend id, newest first; and the backends'
 * socket addresses, resolved once. State that belongs to a backend outlives configuration generations.
 */
final class BackendPool {

    /** @param maxIdle idle connections kept per backend on one loop; @param idleMillis how long one may stay idle */
    record Limits(int maxIdle, long idleMillis) {
    }

    private final EventLoop loop;
    private final Limits limits;
    private final Map<String, ArrayDeque<BackendConnection>> idle = new HashMap<>();
    private final Map<String, InetSocketAddress> addresses = new HashMap<>();

    BackendPool(EventLoop loop, Limits limits) {
        this.loop = loop;
        this.limits = limits;
    }

    /** An idle connection to the backend, or null. */
    BackendConnection take(String backendId) {
        ArrayDeque<BackendConnection> connections = idle.get(backendId);
        return connections == null ? null : connections.pollFirst();
    }

    /** Keeps a connection whose last exchange ended cleanly, unless the backend has enough idle ones. */
    void offer(BackendConnection connection) {
        ArrayDeque<BackendConnection> connections = idle.computeIfAbsent(connection.backendId, id -> new ArrayDeque<>());
        if (connections.size() >= limits.maxIdle()) {
            connection.close();
            return;
        }
        connection.idle(limits.idleMillis());
        connections.addFirst(connection);
    }

    /** An idle connection closed (by its backend, or idle too long). */
    void remove(BackendConnection connection) {
        ArrayDeque<BackendConnection> connections = idle.get(connection.backendId);
        if (connections != null) {
            connections.remove(connection);
        }
    }

    InetSocketAddress address(PoolMember member) {
        InetSocketAddress address = addresses.get(member.id());
        if (address == null) {
            address = new InetSocketAddress(member.uri().getHost(), member.uri().getPort());
            if (!address.isUnresolved()) {
                // a name that does not resolve now is looked up again on the next connect
                addresses.put(member.id(), address);
            }
        }
        return address;
    }

    /** Forgets the backends a new configuration no longer names; runs on the loop. */
    void retainOnly(Set<String> backendIds) {
        addresses.keySet().retainAll(backendIds);
        idle.entrySet().removeIf(entry -> {
            if (backendIds.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().forEach(BackendConnection::close);
            return true;
        });
    }

    EventLoop loop() {
        return loop;
    }
}
