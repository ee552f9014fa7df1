package io.junction.server.tcp;

import io.junction.core.forward.ForwardAttempt;
import io.junction.core.forward.PendingConnect;
import io.junction.core.forward.Upstream;
import io.junction.core.pool.PoolMember;
import io.junction.server.metrics.MetricNames;
import io.undertow.connector.PooledByteBuffer;
import org.xnio.IoFuture;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * One client connection of a tcp listener, on its I/O thread from start to close. {@link ForwardAttempt} picks the
 * backend and decides the retries: a refused or timed-out connect moves to the next backend, which is safe because
 * no byte has been read from the client yet. Once connected, two {@link Splice}s move the bytes; the session ends
 * when both directions have passed on their end of input, when either side breaks (the other is then reset too), or
 * when no byte moved for the idle timeout.
 */
final class TcpSession implements Upstream<StreamConnection> {

    private static final OptionMap BACKEND_OPTIONS = OptionMap.create(Options.TCP_NODELAY, true);

    private final StreamConnection client;
    private final XnioIoThread thread;
    private final TcpForwarding forwarding;
    private final TcpListener listener;
    private final long idleNanos;
    private ForwardAttempt<StreamConnection> attempt;
    /** The client's first bytes, read for its TLS server name and forwarded before the rest. */
    private PooledByteBuffer hello;
    private StreamConnection backend;
    private Splice fromClient;
    private Splice fromBackend;
    private int finished;
    private boolean backendSpoke;
    private long lastActivity;
    private XnioExecutor.Key idleTimer;
    private boolean closed;

    TcpSession(StreamConnection client, TcpForwarding forwarding, TcpListener listener) {
        this.client = client;
        this.thread = client.getIoThread();
        this.forwarding = forwarding;
        this.listener = listener;
        this.idleNanos = forwarding.limits().idleTimeout().toNanos();
    }

    /** Starts on the client connection's I/O thread, wherever it was accepted. */
    void start() {
        if (Thread.currentThread() != thread) {
            thread.execute(this::start);
            return;
        }
        lastActivity = System.nanoTime();
        idleTimer = thread.executeAfter(this::idleCheck, idleNanos, TimeUnit.NANOSECONDS);
        if (forwarding.routesByServerName()) {
            hello = listener.buffers().allocate();
            client.getSourceChannel().getReadSetter().set(channel -> readHello());
            client.getSourceChannel().resumeReads();
        } else {
            forward("");
        }
    }

    /** Reads until the ClientHello's server name is known; the bytes stay in {@link #hello}. */
    private void readHello() {
        ByteBuffer buffer = hello.getBuffer();
        int read;
        try {
            read = client.getSourceChannel().read(buffer);
        } catch (IOException e) {
            close(true);
            return;
        }
        if (read < 0) {
            close(false);
            return;
        }
        lastActivity = System.nanoTime();
        String serverName = ClientHello.serverName(buffer.duplicate().flip());
        if (serverName != null) {
            client.getSourceChannel().suspendReads();
            buffer.flip();
            forward(serverName);
        }
    }

    /** Picks the pool for the server name and starts the attempt; a connection no route takes is closed. */
    private void forward(String serverName) {
        ConnectionView view = ConnectionView.of(client.getPeerAddress(InetSocketAddress.class), serverName);
        TcpForwarding.Target target = forwarding.targets().match(view);
        if (target == null) {
            close(false);
            return;
        }
        attempt = new ForwardAttempt<>(target.pool(), target.policy(), view, this);
        attempt.start();
    }

    @Override
    public void connect(PendingConnect<StreamConnection> pending) {
        PoolMember member = pending.lease().member();
        URI uri = member.uri();
        IoFuture<StreamConnection> future = thread.openStreamConnection(
                new InetSocketAddress(uri.getHost(), uri.getPort()), null, BACKEND_OPTIONS);
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
        PooledByteBuffer first = hello;
        hello = null;
        fromClient.start(first);
        fromBackend.start(null);
    }

    /**
     * Writes the PROXY protocol header, when the listener sends one, before any client byte. A fresh connection's
     * send buffer always takes these few bytes; one that does not is treated as broken.
     */
    private boolean sendProxyHeader() {
        ByteBuffer header = ProxyHeader.of(forwarding.proxyProtocol(), client.getPeerAddress(InetSocketAddress.class),
                client.getLocalAddress(InetSocketAddress.class));
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
    public void answer(int status, String message) {
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

    private void idleCheck() {
        if (closed) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle < idleNanos) {
            idleTimer = thread.executeAfter(this::idleCheck, idleNanos - idle, TimeUnit.NANOSECONDS);
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
        if (idleTimer != null) {
            idleTimer.remove();
        }
        if (hello != null) {
            hello.close();
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
