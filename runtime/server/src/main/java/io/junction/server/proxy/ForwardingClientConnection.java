package io.junction.server.proxy;

import io.junction.server.http.ForwardingHandler;
import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.client.ClientRequest;
import io.undertow.client.ClientStatistics;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.ProxyConnection;
import org.xnio.ChannelListener;
import org.xnio.Option;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A backend connection as ProxyHandler sees it for one exchange, the one wrapper around the pooled connection: the
 * request it sends gets Junction's forwarding fields in place of the X-Forwarded-* ProxyHandler writes (its port is
 * the Host's, not the listener's, and it cannot append to a trusted proxy's list), and the answer to a try the route
 * may retry is seen by its {@link RetriableTry} before ProxyHandler. Everything else goes to the pooled connection
 * unchanged.
 */
final class ForwardingClientConnection implements ClientConnection {

    private final ClientConnection connection;
    private final HttpServerExchange exchange;
    /** The try when the route may retry it, else null. */
    private final RetriableTry retriable;

    private ForwardingClientConnection(ClientConnection connection, HttpServerExchange exchange, RetriableTry retriable) {
        this.connection = connection;
        this.exchange = exchange;
        this.retriable = retriable;
    }

    /** The connection to hand ProxyHandler; {@code retriable} is null when the route does not retry this try. */
    static ProxyConnection of(ProxyConnection pooled, HttpServerExchange exchange, RetriableTry retriable) {
        return new ProxyConnection(new ForwardingClientConnection(pooled.getConnection(), exchange, retriable),
                pooled.getTargetPath());
    }

    @Override
    public void sendRequest(ClientRequest request, ClientCallback<ClientExchange> callback) {
        ForwardingHandler.writeTo(exchange, exchange.getRequestHeaders(), request.getRequestHeaders());
        connection.sendRequest(request, retriable == null ? callback : retriable.sent(callback));
    }

    @Override
    public StreamConnection performUpgrade() throws IOException {
        return connection.performUpgrade();
    }

    @Override
    public ByteBufferPool getBufferPool() {
        return connection.getBufferPool();
    }

    @Override
    public SocketAddress getPeerAddress() {
        return connection.getPeerAddress();
    }

    @Override
    public <A extends SocketAddress> A getPeerAddress(Class<A> type) {
        return connection.getPeerAddress(type);
    }

    @Override
    public ChannelListener.Setter<? extends ClientConnection> getCloseSetter() {
        return connection.getCloseSetter();
    }

    @Override
    public SocketAddress getLocalAddress() {
        return connection.getLocalAddress();
    }

    @Override
    public <A extends SocketAddress> A getLocalAddress(Class<A> type) {
        return connection.getLocalAddress(type);
    }

    @Override
    public XnioWorker getWorker() {
        return connection.getWorker();
    }

    @Override
    public XnioIoThread getIoThread() {
        return connection.getIoThread();
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    @Override
    public boolean supportsOption(Option<?> option) {
        return connection.supportsOption(option);
    }

    @Override
    public <T> T getOption(Option<T> option) throws IOException {
        return connection.getOption(option);
    }

    @Override
    public <T> T setOption(Option<T> option, T value) throws IOException {
        return connection.setOption(option, value);
    }

    @Override
    public boolean isUpgraded() {
        return connection.isUpgraded();
    }

    @Override
    public boolean isPushSupported() {
        return connection.isPushSupported();
    }

    @Override
    public boolean isMultiplexingSupported() {
        return connection.isMultiplexingSupported();
    }

    @Override
    public ClientStatistics getStatistics() {
        return connection.getStatistics();
    }

    @Override
    public boolean isUpgradeSupported() {
        return connection.isUpgradeSupported();
    }

    @Override
    public void addCloseListener(ChannelListener<ClientConnection> listener) {
        connection.addCloseListener(listener);
    }

    @Override
    public boolean isPingSupported() {
        return connection.isPingSupported();
    }

    @Override
    public void sendPing(PingListener listener, long timeout, TimeUnit timeUnit) {
        connection.sendPing(listener, timeout, timeUnit);
    }
}
