package io.junction.server.tcp;

import io.junction.core.forward.ForwardAttempt;
import io.junction.core.forward.PendingConnect;
import io.junction.core.forward.ProxyError;
import io.junction.core.forward.Upstream;
import io.junction.core.model.ProxyProtocol;
import io.junction.core.model.TcpListenerSpec;
import io.junction.core.pool.PoolMember;
import io.junction.server.engine.Deadline;
import io.junction.server.engine.EventLoop;
import io.junction.server.metrics.MetricNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One client connection of a tcp listener and its backend connection, both on the event loop that accepted it, from
 * start to close. {@link ForwardAttempt} picks the backend and decides the retries: a refused or timed-out connect
 * moves to the next backend, which is safe because no byte has been read from the client yet. Once connected, two
 * {@link Splice}s move the bytes; the session ends when both directions have passed on their end of input, when
 * either side breaks (the other is then reset too), or when no byte moved for the idle timeout.
 */
final class TcpSession implements Upstream<SocketChannel> {

    private static final Logger log = LoggerFactory.getLogger(TcpSession.class);
    /** A trusted balancer sends its PROXY header at once; a peer that does not is closed after this (or the idle timeout). */
    private static final long HEADER_TIMEOUT_MILLIS = Duration.ofSeconds(5).toMillis();

    private final EventLoop loop;
    private final SessionSocket client;
    private final TcpForwarding forwarding;
    private final TcpListener listener;
    private final long idleMillis;
    /** The connection's one timer: the PROXY header's deadline, then the idle timeout, re-armed for the time left. */
    private final Deadline timer;
    private ForwardAttempt<SocketChannel> attempt;
    /** The header the picked pool's backends expect. */
    private ProxyProtocol proxyProtocol;
    /** The client's first bytes, read for its PROXY header and TLS server name; what follows the header is forwarded first. */
    private ByteBuffer firstBytes;
    /** Who the client is and which address it connected to: the connection's own, or what a trusted PROXY header says. */
    private InetSocketAddress source;
    private InetSocketAddress destination;
    private boolean awaitingProxyHeader;
    /** When the PROXY header must be complete, on the loop's clock (System.nanoTime). */
    private long headerDeadline;
    private SessionSocket backend;
    /** The connect under way, its backend and its timeout; null once it settled. */
    private PendingConnect<SocketChannel> connecting;
    private PoolMember connectingTo;
    private Deadline connectTimer;
    private Splice fromClient;
    private Splice fromBackend;
    private int finished;
    private boolean backendSpoke;
    private long lastActivity;
    private boolean closed;

    TcpSession(EventLoop loop, SocketChannel client, TcpForwarding forwarding, TcpListener listener) throws IOException {
        this.loop = loop;
        this.client = new SessionSocket(client, this);
        this.forwarding = forwarding;
        this.listener = listener;
        this.idleMillis = forwarding.limits().idleTimeout().toMillis();
        this.timer = loop.deadline(this::checkTimeouts);
        this.source = (InetSocketAddress) client.getRemoteAddress();
        this.destination = (InetSocketAddress) client.getLocalAddress();
    }

    /** Starts on the loop that accepted the client connection. */
    void start() {
        lastActivity = loop.now();
        TcpListenerSpec spec = forwarding.listener();
        if (spec.acceptsProxy() && !spec.trustsProxy(source.getAddress())) {
            refuseProxy();
            return;
        }
        awaitingProxyHeader = spec.acceptsProxy();
        long firstCheck = idleMillis;
        if (awaitingProxyHeader) {
            firstCheck = Math.min(idleMillis, HEADER_TIMEOUT_MILLIS);
            headerDeadline = lastActivity + firstCheck * 1_000_000L;
        }
        timer.arm(firstCheck);
        if (awaitingProxyHeader || spec.routesByServerName()) {
            firstBytes = loop.buffers().take().clear();
            register(client, SelectionKey.OP_READ);
        } else {
            forward("");
        }
    }

    /** A socket of this session is ready: the client's first bytes, the backend's connect, or bytes to splice. */
    void ready(SessionSocket socket, int readyOps) {
        if (closed || socket != client && socket != backend) {
            // a backend socket given up after a failed connect may still report in the same select
            return;
        }
        if (socket == backend && connecting != null) {
            finishConnect();
        } else if (fromClient == null) {
            if (socket == client) {
                readFirstBytes();
            }
        } else {
            Splice reading = socket == client ? fromClient : fromBackend;
            Splice writing = socket == client ? fromBackend : fromClient;
            if ((readyOps & SelectionKey.OP_WRITE) != 0) {
                writing.writable();
            }
            if ((readyOps & SelectionKey.OP_READ) != 0 && !closed) {
                reading.readable();
            }
        }
    }

    /**
     * Something threw while a socket was handled, or the loop is shutting down: both sides are reset, and the
     * backend is not blamed for it.
     */
    void failed() {
        if (closed) {
            return;
        }
        close(true);
        if (attempt != null && attempt.sent() != null) {
            attempt.completed();
        }
    }

    /**
     * Reads what must be known before a backend is picked: the PROXY header (taken out of the bytes) and then the
     * ClientHello's server name (left in them, forwarded first).
     */
    private void readFirstBytes() {
        ByteBuffer buffer = firstBytes;
        int read;
        try {
            read = client.channel().read(buffer);
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
        lastActivity = loop.now();
        if (awaitingProxyHeader && !takeProxyHeader(buffer)) {
            return;
        }
        String serverName = forwarding.listener().routesByServerName() ? ClientHello.serverName(buffer.duplicate().flip()) : "";
        if (serverName != null) {
            client.readInterest(false);
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
    public void connect(PendingConnect<SocketChannel> pending) {
        PoolMember member = pending.lease().member();
        InetSocketAddress address = listener.backendAddresses().of(member.uri());
        if (address == null) {
            // its name has not resolved: as good as refused, and nothing was forwarded yet
            connectFailed(member);
            pending.failed();
            return;
        }
        if (connectTimer == null) {
            connectTimer = loop.deadline(this::connectTimedOut);
        }
        connecting = pending;
        connectingTo = member;
        backend = null;
        try {
            SocketChannel channel = SocketChannel.open();
            backend = new SessionSocket(channel, this);
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (channel.connect(address)) {
                backend.register(loop, 0);
                connected();
                return;
            }
            backend.register(loop, SelectionKey.OP_CONNECT);
        } catch (IOException e) {
            backendConnectFailed();
            return;
        }
        connectTimer.arm(attempt.policy().connectTimeout().toMillis());
    }

    private void finishConnect() {
        try {
            backend.channel().finishConnect();
        } catch (IOException e) {
            backendConnectFailed();
            return;
        }
        connected();
    }

    /**
     * The connect settled as connected, unless it had already timed out (the route's total timeout settles it too):
     * then the connection belongs to no one.
     */
    private void connected() {
        PendingConnect<SocketChannel> pending = settleConnect();
        backend.interest(0);
        if (!pending.connected(backend.channel())) {
            backend.close(false);
        }
    }

    private void backendConnectFailed() {
        PendingConnect<SocketChannel> pending = abortConnect();
        if (!pending.settled()) {
            connectFailed(connectingTo);
            pending.failed();
        }
    }

    private void connectTimedOut() {
        PendingConnect<SocketChannel> pending = abortConnect();
        if (!pending.settled()) {
            connectFailed(connectingTo);
            pending.timedOut();
        }
    }

    /** The connect under way is given up (the route's total timeout may have settled it already) and its socket closed. */
    private PendingConnect<SocketChannel> abortConnect() {
        PendingConnect<SocketChannel> pending = settleConnect();
        if (backend != null) {
            backend.close(false);
        }
        return pending;
    }

    /** The connect under way is over, whichever way: its timer stops and the next connect may start. */
    private PendingConnect<SocketChannel> settleConnect() {
        PendingConnect<SocketChannel> pending = connecting;
        connecting = null;
        connectTimer.disarm();
        return pending;
    }

    @Override
    public void send(ForwardAttempt<SocketChannel> attempt, SocketChannel connection) {
        if (!sendProxyHeader()) {
            return;
        }
        String id = attempt.sent().member().id();
        fromClient = new Splice(this, client, backend, loop.buffers(),
                listener.metrics().bytesIn(), listener.registry().counter(MetricNames.backendBytesOut(id)));
        fromBackend = new Splice(this, backend, client, loop.buffers(),
                listener.registry().counter(MetricNames.backendBytesIn(id)), listener.metrics().bytesOut());
        if (!client.registered() && !register(client, 0)) {
            attempt.completed();
            return;
        }
        ByteBuffer first = firstBytes;
        firstBytes = null;
        fromClient.start(first);
        if (!closed) {
            fromBackend.start(null);
        }
    }

    /**
     * Writes the PROXY protocol header, when the pool's backends expect one, before any client byte. A fresh connection's
     * send buffer always takes these few bytes; one that does not is treated as broken.
     * <p>The write goes the splices' way, from a direct buffer of the loop's pool, and there is none without a header:
     * an empty write or one from a heap buffer per connection took the splices' hot, compiled write down branches it
     * never takes, and the JIT threw that code away and compiled it again (a few hundred ms of C2 each time).
     */
    private boolean sendProxyHeader() {
        if (proxyProtocol == ProxyProtocol.NONE) {
            return true;
        }
        ByteBuffer header = loop.buffers().take().clear().put(ProxyHeader.of(proxyProtocol, source, destination)).flip();
        try {
            backend.channel().write(header);
            if (header.hasRemaining()) {
                throw new IOException("the backend did not take the PROXY protocol header");
            }
            return true;
        } catch (IOException e) {
            close(true);
            attempt.failedAfterSend();
            return false;
        } finally {
            loop.buffers().give(header);
        }
    }

    /** @return false when the socket could not be registered: the session is then closed */
    private boolean register(SessionSocket socket, int interest) {
        try {
            socket.register(loop, interest);
            return true;
        } catch (IOException e) {
            close(true);
            return false;
        }
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public void schedule(Runnable task, long millis) {
        loop.deadline(task).arm(millis);
    }

    /** For tcp there is no answer to give: the client connection is closed (no backend could be reached). */
    @Override
    public void answer(ProxyError error, String message) {
        close(false);
    }

    boolean closed() {
        return closed;
    }

    void transferred(Splice splice) {
        lastActivity = loop.now();
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
     * A PROXY header not complete by its deadline refuses the connection; no byte for the idle timeout closes it;
     * otherwise the timer is re-armed for whichever comes first (bytes never touch it).
     */
    private void checkTimeouts() {
        if (closed) {
            return;
        }
        long now = loop.now();
        if (awaitingProxyHeader && now - headerDeadline >= 0) {
            refuseProxy();
            return;
        }
        long idleLeft = idleMillis - (now - lastActivity) / 1_000_000;
        if (idleLeft > 0) {
            timer.arm(awaitingProxyHeader ? Math.min(idleLeft, Math.max(1, (headerDeadline - now) / 1_000_000)) : idleLeft);
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
        timer.disarm();
        firstBytes = loop.buffers().give(firstBytes);
        if (fromClient != null) {
            fromClient.release();
            fromBackend.release();
        }
        client.close(reset);
        if (connecting != null) {
            // the client left (or went idle) while the backend was connecting: the backend is not to blame
            abortConnect().abandoned();
        } else if (backend != null) {
            backend.close(reset);
        }
        listener.sessionClosed(loop);
    }
}
