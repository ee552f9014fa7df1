package io.junction.server.tcp;

import io.junction.core.forward.ForwardAttempt;
import io.junction.core.forward.PendingConnect;
import io.junction.core.forward.ProxyError;
import io.junction.core.forward.Upstream;
import io.junction.core.model.ProxyProtocol;
import io.junction.core.model.TcpListenerSpec;
import io.junction.core.pool.PoolMember;
import io.junction.server.metrics.MetricNames;
import io.undertow.connector.PooledByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoFuture;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One client connection of a tcp listener, on its I/O thread from start to close. {@link ForwardAttempt} picks the
 * backend and decides the retries: a refused or timed-out connect moves to the next backend, which is safe because
 * no byte has been read from the client yet. Once connected, two {@link Splice}s move the bytes; the session ends
 * when both directions have passed on their end of input, when either side breaks (the other is then reset too), or
 * when no byte moved for the idle timeout.
 */
final class TcpSession implements Upstream<StreamConnection> {

    private static final Logger log = LoggerFactory.getLogger(TcpSession.class);
    private static final OptionMap BACKEND_OPTIONS = OptionMap.create(Options.TCP_NODELAY, true);
    /** A trusted balancer sends its PROXY header at once; a peer that does not is closed after this (or the idle timeout). */
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(5);

    private final StreamConnection client;
    private final XnioIoThread thread;
    private final TcpForwarding forwarding;
    private final TcpListener listener;
    private final long idleNanos;
    private ForwardAttempt<StreamConnection> attempt;
    /** The header the picked pool's backends expect. */
    private ProxyProtocol proxyProtocol;
    /** The client's first bytes, read for its PROXY header and TLS server name; what follows the header is forwarded first. */
    private PooledByteBuffer firstBytes;
    /** Who the client is and which address it connected to: the connection's own, or what a trusted PROXY header says. */
    private InetSocketAddress source;
    private InetSocketAddress destination;
    private boolean awaitingProxyHeader;
    /** When the PROXY header must be complete, on the {@link System#nanoTime} clock. */
    private long headerDeadline;
    private StreamConnection backend;
    private Splice fromClient;
    private Splice fromBackend;
    private int finished;
    private boolean backendSpoke;
    private long lastActivity;
    private XnioExecutor.Key timer;
    private boolean closed;

    TcpSession(StreamConnection client, TcpForwarding forwarding, TcpListener listener) {
        this.client = client;
        this.thread = client.getIoThread();
        this.forwarding = forwarding;
        this.listener = listener;
        this.idleNanos = forwarding.limits().idleTimeout().toNanos();
        this.source = client.getPeerAddress(InetSocketAddress.class);
        this.destination = client.getLocalAddress(InetSocketAddress.class);
    }

    /** Starts on the client connection's I/O thread, wherever it was accepted. */
    void start() {
        if (Thread.currentThread() != thread) {
            thread.execute(this::start);
            return;
        }
        lastActivity = System.nanoTime();
        TcpListenerSpec spec = forwarding.listener();
        if (spec.acceptsProxy() && !spec.trustsProxy(source.getAddress())) {
            refuseProxy();
            return;
        }
        awaitingProxyHeader = spec.acceptsProxy();
        long firstCheck = idleNanos;
        if (awaitingProxyHeader) {
            firstCheck = Math.min(idleNanos, HEADER_TIMEOUT.toNanos());
            headerDeadline = lastActivity + firstCheck;
        }
        timer = thread.executeAfter(this::checkTimeouts, firstCheck, TimeUnit.NANOSECONDS);
        if (awaitingProxyHeader || spec.routesByServerName()) {
            firstBytes = listener.buffers().allocate();
            client.getSourceChannel().getReadSetter().set(channel -> readFirstBytes());
            client.getSourceChannel().resumeReads();
        } else {
            forward("");
        }
    }

    /**
     * Reads what must be known before a backend is picked: the PROXY header (taken out of the bytes) and then the
     * ClientHello's server name (left in them, forwarded first).
     */
    private void readFirstBytes() {
        ByteBuffer buffer = firstBytes.getBuffer();
        int read;
        try {
            read = client.getSourceChannel().read(buffer);
        } catch (IOException e) {
            close(true);
            return;
        }
        if (read < 0) {
            if (awaitingProxyHeader) {
                refuseProxy();
            } else {
                close(false);
            }
            return;
        }
        if (read == 0) {
            return;
        }
        lastActivity = System.nanoTime();
        if (awaitingProxyHeader && !takeProxyHeader(buffer)) {
            return;
        }
        String serverName = forwarding.listener().routesByServerName() ? ClientHello.serverName(buffer.duplicate().flip()) : "";
        if (serverName != null) {
            client.getSourceChannel().suspendReads();
            buffer.flip();
            forward(serverName);
        }
    }

    /**
     * Takes the PROXY header out of the front of {@code buffer} (in write mode) once it is complete; its client
     * address then stands for the connection's own.
     *
     * @return whether the header is taken and the bytes after it may be looked at
     */
    private boolean takeProxyHeader(ByteBuffer buffer) {
        ReceivedProxyHeader header = ReceivedProxyHeader.read(buffer.duplicate().flip(), buffer.capacity());
        if (header.malformed()) {
            log.debug("tcp listener '{}': {} from {}", forwarding.listener().name(), header.error(), source);
            refuseProxy();
            return false;
        }
        if (header.needsMore()) {
            return false;
        }
        awaitingProxyHeader = false;
        if (header.source() != null) {
            source = header.source();
            destination = header.destination();
        }
        buffer.flip().position(header.length());
        buffer.compact();
        return true;
    }

    /** Closes a connection whose PROXY header is missing, malformed, late or from a peer not trusted to send one. */
    private void refuseProxy() {
        listener.metrics().proxyRefused().inc();
        close(false);
    }

    /** Picks the pool for the server name and starts the attempt; a connection no route takes is closed. */
    private void forward(String serverName) {
        ConnectionView view = ConnectionView.of(source, serverName);
        TcpForwarding.Target target = forwarding.targets().match(view);
        if (target == null) {
            close(false);
            return;
        }
        proxyProtocol = target.proxyProtocol();
        attempt = new ForwardAttempt<>(target.pool(), target.policy(), view, this);
        attempt.start();
    }

    @Override
    public void connect(PendingConnect<StreamConnection> pending) {
        PoolMember member = pending.lease().member();
        InetSocketAddress address = listener.backendAddresses().of(member.uri());
        if (address == null) {
            // its name has not resolved: as good as refused, and nothing was forwarded yet
            connectFailed(member);
            pending.failed();
            return;
        }
        IoFuture<StreamConnection> future = thread.openStreamConnection(address, null, BACKEND_OPTIONS);
        XnioExecutor.Key timeout = thread.executeAfter(() -> {
            connectFailed(member);
            pending.timedOut();
            future.cancel();
        }, attempt.policy().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        future.addNotifier(new IoFuture.HandlingNotifier<StreamConnection, Void>() {
            @Override
            public void handleDone(StreamConnection connection, Void attachment) {
                timeout.remove();
                // a connection that arrives after its connect timed out belongs to no one
                if (!pending.connected(connection)) {
                    IoUtils.safeClose(connection);
                }
            }

            @Override
            public void handleFailed(IOException exception, Void attachment) {
                timeout.remove();
                if (!pending.settled()) {
                    connectFailed(member);
                    pending.failed();
                }
            }
        }, null);
    }

    @Override
    public void send(ForwardAttempt<StreamConnection> attempt, StreamConnection connection) {
        backend = connection;
        if (closed) {
            // the client went idle while the backend was connecting
            IoUtils.safeClose(connection);
            attempt.completed();
            return;
        }
        if (!sendProxyHeader()) {
            return;
        }
        String id = attempt.sent().member().id();
        fromClient = new Splice(this, client.getSourceChannel(), backend.getSinkChannel(), listener.buffers(),
                listener.metrics().bytesIn(), listener.registry().counter(MetricNames.backendBytesOut(id)));
        fromBackend = new Splice(this, backend.getSourceChannel(), client.getSinkChannel(), listener.buffers(),
                listener.registry().counter(MetricNames.backendBytesIn(id)), listener.metrics().bytesOut());
        PooledByteBuffer first = firstBytes;
        firstBytes = null;
        fromClient.start(first);
        fromBackend.start(null);
    }

    /**
     * Writes the PROXY protocol header, when the pool's backends expect one, before any client byte. A fresh connection's
     * send buffer always takes these few bytes; one that does not is treated as broken.
     */
    private boolean sendProxyHeader() {
        ByteBuffer header = ProxyHeader.of(proxyProtocol, source, destination);
        try {
            while (header.hasRemaining()) {
                if (backend.getSinkChannel().write(header) == 0) {
                    throw new IOException("the backend did not take the PROXY protocol header");
                }
            }
            return true;
        } catch (IOException e) {
            close(true);
            attempt.failedAfterSend();
            return false;
        }
    }

    /** For tcp there is no answer to give: the client connection is closed (no backend could be reached). */
    @Override
    public void execute(Runnable task) {
        thread.execute(task);
    }

    @Override
    public void schedule(Runnable task, long millis) {
        thread.executeAfter(task, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void answer(ProxyError error, String message) {
        close(false);
    }

    boolean closed() {
        return closed;
    }

    void transferred(Splice splice) {
        lastActivity = System.nanoTime();
        if (splice == fromBackend && !backendSpoke) {
            backendSpoke = true;
            attempt.responseStarted();
        }
    }

    /** One direction passed on its end of input; when both have, the session is over. */
    void finished(Splice splice) {
        if (++finished == 2) {
            close(false);
            attempt.completed();
        }
    }

    /**
     * A read or write failed (a reset, most often): the other side is reset too, so it learns the stream did not
     * end cleanly. The backend's lease fails only when the backend was the side that broke.
     */
    void broke(Splice splice, boolean atSource) {
        boolean backendBroke = (splice == fromBackend) == atSource;
        close(true);
        if (backendBroke) {
            attempt.failedAfterSend();
        } else {
            attempt.completed();
        }
    }

    private void connectFailed(PoolMember member) {
        listener.registry().meter(MetricNames.backendConnectFailures(member.id())).mark();
    }

    /**
     * The connection's one timer: a PROXY header not complete by its deadline refuses the connection; no byte for the
     * idle timeout closes it; otherwise the timer is re-armed for whichever comes first.
     */
    private void checkTimeouts() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        if (awaitingProxyHeader && now - headerDeadline >= 0) {
            refuseProxy();
            return;
        }
        long idle = now - lastActivity;
        if (idle < idleNanos) {
            long next = awaitingProxyHeader ? Math.min(idleNanos - idle, headerDeadline - now) : idleNanos - idle;
            timer = thread.executeAfter(this::checkTimeouts, next, TimeUnit.NANOSECONDS);
            return;
        }
        close(false);
        if (attempt != null && attempt.sent() != null) {
            attempt.completed();
        }
    }

    private void close(boolean reset) {
        if (closed) {
            return;
        }
        closed = true;
        if (timer != null) {
            timer.remove();
        }
        if (firstBytes != null) {
            firstBytes.close();
        }
        if (fromClient != null) {
            fromClient.release();
            fromBackend.release();
        }
        if (reset) {
            abortOnClose(client);
            abortOnClose(backend);
        }
        IoUtils.safeClose(client);
        IoUtils.safeClose(backend);
        listener.sessionClosed();
    }

    /** SO_LINGER 0: closing sends a reset instead of a FIN. */
    private static void abortOnClose(StreamConnection connection) {
        if (connection != null && connection.isOpen()) {
            try {
                connection.setOption(Options.CLOSE_ABORT, true);
            } catch (IOException e) {
                // the connection is already gone, which is what closing it is for
            }
        }
    }
}
