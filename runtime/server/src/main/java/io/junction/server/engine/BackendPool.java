package io.junction.server.engine;

import io.junction.core.pool.PoolMember;
import io.junction.server.resolve.BackendAddresses;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One event loop's idle keep-alive connections, per backend id, newest first. State that belongs to a backend
 * outlives configuration generations.
 */
final class BackendPool {

    /** @param maxIdle idle connections kept per backend on one loop; @param idleMillis how long one may stay idle */
    record Limits(int maxIdle, long idleMillis) {
    }

    private final EventLoop loop;
    private final Limits limits;
    private final Map<String, ArrayDeque<BackendConnection>> idle = new HashMap<>();
    private final BackendAddresses addresses;

    BackendPool(EventLoop loop, Limits limits, BackendAddresses addresses) {
        this.loop = loop;
        this.limits = limits;
        this.addresses = addresses;
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

    /** Where to connect to the backend, or {@code null} while its name has not resolved; never looks a name up here. */
    InetSocketAddress address(PoolMember member) {
        return addresses.of(member.uri());
    }

    /** Forgets the backends a new configuration no longer names; runs on the loop. */
    void retainOnly(Set<String> backendIds) {
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
