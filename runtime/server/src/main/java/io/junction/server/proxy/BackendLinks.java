package io.junction.server.proxy;

import io.junction.core.model.BackendTls;
import io.junction.core.pool.PoolMember;
import io.junction.server.resolve.BackendAddresses;
import io.junction.server.tls.BackendTlsContext;
import io.undertow.Undertow;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import org.xnio.IoFuture;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.ssl.SslConnection;
import org.xnio.ssl.XnioSsl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The connections of the Undertow engine's backend side: opened on the exchange's I/O thread (plain, or TLS through
 * XNIO's SSL connection over {@link BackendTlsContext}), kept alive per backend in a list of that thread, which only
 * that thread touches (no lock). A thread holds at most {@code maxPerThread} connections to one backend (no queue:
 * {@link Opening#full}). Outlives generations, so a reload keeps warm connections. An idle connection expires at the
 * next take after the idle timeout, or when its backend closes it: nothing runs per idle connection.
 */
public final class BackendLinks {

    private final BackendAddresses addresses;
    private final int maxPerThread;
    private final long idleNanos;
    private final OptionMap options = OptionMap.create(Options.TCP_NODELAY, true);
    private final Map<XnioIoThread, ThreadLinks> byThread = new ConcurrentHashMap<>();
    private final Map<Key, XnioSsl> tls = new ConcurrentHashMap<>();

    public BackendLinks(int maxPerThread, Duration idleTimeout, BackendAddresses addresses) {
        this.addresses = addresses;
        this.maxPerThread = maxPerThread;
        this.idleNanos = idleTimeout.toNanos();
    }

    /**
     * Where a connection goes: the backend, its pool's TLS (https only: a renewed CA or client certificate gets new
     * connections) and the address its name resolved to (a new address gets new connections).
     */
    record Key(String backendId, BackendTls tls, InetSocketAddress address) {
    }

    /** How an open ends, reported once on the I/O thread. */
    interface Opening {
        void opened(BackendLink link);

        void failed();

        /** The thread holds {@code maxPerThread} connections to the backend already. */
        void full();
    }

    /** On an I/O thread: the key of the backend's current address, or null while its name has not resolved. */
    Key key(PoolMember member, BackendTls backendTls) {
        URI backend = member.uri();
        InetSocketAddress address = addresses.of(backend);
        if (address == null) {
            return null;
        }
        return new Key(member.id(), "https".equals(backend.getScheme()) ? backendTls : null, address);
    }

    /** An idle kept-alive connection to the key's backend, or null. */
    BackendLink take(XnioIoThread thread, Key key) {
        return of(thread).take(key);
    }

    /** Back to the thread's keep-alive list, for the next exchange to the same backend. */
    void offer(BackendLink link) {
        of(link.connection().getIoThread()).offer(link);
    }

    /** Opens a new connection to the key's backend; a TLS one reports opened once its handshake is done. */
    void open(XnioIoThread thread, Key key, String host, Opening opening) {
        ThreadLinks links = of(thread);
        if (!links.reserve(key)) {
            opening.full();
            return;
        }
        IoFuture<? extends StreamConnection> future = key.tls() == null
                ? thread.openStreamConnection(key.address(), null, options)
                : ssl(key, host).openSslConnection(thread, key.address(), null, options);
        future.addNotifier((done, attachment) -> {
            if (done.getStatus() != IoFuture.Status.DONE) {
                links.unreserve(key);
                opening.failed();
                return;
            }
            StreamConnection connection;
            try {
                connection = done.get();
            } catch (IOException e) {
                links.unreserve(key);
                opening.failed();
                return;
            }
            BackendLink link = new BackendLink(key, connection, links);
            if (connection instanceof SslConnection ssl) {
                handshake(ssl, link, opening);
            } else {
                opening.opened(link);
            }
        }, null);
    }

    /** A refused certificate is a failed connect, as a refused connection is. */
    private static void handshake(SslConnection ssl, BackendLink link, Opening opening) {
        boolean[] reported = {false};
        // nothing comes before the request: a read during the handshake only drives it and sees its failure
        ByteBuffer probe = ByteBuffer.allocate(16);
        ssl.getHandshakeSetter().set(done -> {
            if (!reported[0]) {
                reported[0] = true;
                ssl.getSourceChannel().suspendReads();
                ssl.getSourceChannel().getReadSetter().set(null);
                opening.opened(link);
            }
        });
        ssl.getSourceChannel().getReadSetter().set(source -> {
            try {
                if (source.read(probe.clear()) == 0) {
                    return;
                }
            } catch (IOException e) {
                // the handshake failed: reported below
            }
            if (!reported[0]) {
                reported[0] = true;
                link.close();
                opening.failed();
            }
        });
        try {
            ssl.startHandshake();
            ssl.getSinkChannel().flush();
        } catch (IOException e) {
            reported[0] = true;
            link.close();
            opening.failed();
            return;
        }
        ssl.getSourceChannel().resumeReads();
    }

    /**
     * Closes the idle connections of backends no generation uses any more, each on its own thread; busy ones close
     * when their exchange ends with them, since no request takes them again.
     */
    public void retainOnly(Set<String> backendIds) {
        tls.keySet().removeIf(key -> !backendIds.contains(key.backendId()));
        byThread.forEach((thread, links) -> thread.execute(() -> links.closeIdle(key -> !backendIds.contains(key.backendId()))));
    }

    /** Closes every idle connection (at stop). */
    public void close() {
        retainOnly(Set.of());
    }

    private XnioSsl ssl(Key key, String host) {
        return tls.computeIfAbsent(key, k -> new UndertowXnioSsl(Xnio.getInstance(Undertow.class.getClassLoader()),
                OptionMap.EMPTY, BackendTlsContext.create(k.tls(), k.backendId(), host)));
    }

    private ThreadLinks of(XnioIoThread thread) {
        return byThread.computeIfAbsent(thread, t -> new ThreadLinks());
    }

    /** One I/O thread's connections: touched by that thread only. */
    final class ThreadLinks {
        private final Map<Key, ArrayDeque<BackendLink>> idle = new HashMap<>();
        private final Map<Key, int[]> open = new HashMap<>();

        BackendLink take(Key key) {
            ArrayDeque<BackendLink> links = idle.get(key);
            if (links == null) {
                return null;
            }
            long now = System.nanoTime();
            for (BackendLink link = links.pollLast(); link != null; link = links.pollLast()) {
                if (link.isOpen() && now - link.idleSince() < idleNanos) {
                    link.connection().getSourceChannel().suspendReads();
                    return link;
                }
                link.close();
            }
            return null;
        }

        void offer(BackendLink link) {
            link.idle(System.nanoTime());
            idle.computeIfAbsent(link.key(), k -> new ArrayDeque<>()).addLast(link);
            // an idle connection says nothing: its close or stray bytes end it (a read of 0 was TLS's own record)
            link.connection().getSourceChannel().getReadSetter().set(source -> {
                try {
                    if (source.read(ByteBuffer.allocate(1)) == 0) {
                        return;
                    }
                } catch (IOException e) {
                    // closed below
                }
                link.close();
            });
            link.connection().getSourceChannel().resumeReads();
        }

        boolean reserve(Key key) {
            int[] count = open.computeIfAbsent(key, k -> new int[1]);
            if (count[0] >= maxPerThread) {
                return false;
            }
            count[0]++;
            return true;
        }

        void unreserve(Key key) {
            int[] count = open.get(key);
            if (count != null && --count[0] == 0) {
                open.remove(key);
            }
        }

        void closeIdle(Predicate<Key> gone) {
            idle.entrySet().removeIf(entry -> {
                if (!gone.test(entry.getKey())) {
                    return false;
                }
                // close() unlinks each from this list: work on a copy
                new ArrayList<>(entry.getValue()).forEach(BackendLink::close);
                return true;
            });
        }

        void closed(BackendLink link) {
            unreserve(link.key());
            ArrayDeque<BackendLink> links = idle.get(link.key());
            if (links != null) {
                links.remove(link);
            }
        }
    }
}
