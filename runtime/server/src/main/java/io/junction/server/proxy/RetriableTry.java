package io.junction.server.proxy;

import io.undertow.client.ClientCallback;
import io.undertow.client.ClientExchange;
import io.undertow.server.handlers.proxy.ProxyConnection;
import org.xnio.IoUtils;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * One try of a request that its route may cut short and send elsewhere, on the Undertow engine: at a backend's
 * answer (502, 503, 504) or at the per-try timeout. ProxyHandler relays a response as soon as it arrives; the one
 * place to see its status before that is the response listener ProxyHandler sets on the {@link ClientExchange}, so
 * {@link ForwardingClientConnection} passes the request's callback through {@link #sent}, which wraps that listener.
 * An answer the {@link Retry} takes is never passed on. A {@link #discard discarded} try's connection is closed, and
 * the failure that closing reports (late: Undertow drains a closed connection for up to 10 s) is kept from
 * ProxyHandler, since the request already went on.
 */
final class RetriableTry {

    private final ProxyConnection connection;
    private final Retry retry;
    private boolean discarded;

    /** Whether an answer with this status is dropped (through {@code discard}) and the request sent on instead. */
    interface Retry {
        boolean retries(int status, Runnable discard);
    }

    RetriableTry(ProxyConnection connection, Retry retry) {
        this.connection = connection;
        this.retry = retry;
    }

    /** The request went out: the exchange ProxyHandler receives is one whose response listener is watched. */
    ClientCallback<ClientExchange> sent(ClientCallback<ClientExchange> proxyHandler) {
        return new ClientCallback<>() {
            @Override
            public void completed(ClientExchange exchange) {
                proxyHandler.completed(watched(exchange));
            }

            @Override
            public void failed(IOException e) {
                if (!discarded) {
                    proxyHandler.failed(e);
                }
            }
        };
    }

    private ClientCallback<ClientExchange> answered(ClientCallback<ClientExchange> proxyHandler) {
        return new ClientCallback<>() {
            @Override
            public void completed(ClientExchange exchange) {
                if (!retry.retries(exchange.getResponse().getResponseCode(), RetriableTry.this::discard)) {
                    proxyHandler.completed(exchange);
                }
            }

            @Override
            public void failed(IOException e) {
                if (!discarded) {
                    proxyHandler.failed(e);
                }
            }
        };
    }

    /** Drops the try: its connection is closed, and nothing more of it reaches ProxyHandler. */
    void discard() {
        discarded = true;
        IoUtils.safeClose(connection.getConnection());
    }

    /** {@code exchange} behind its interface, with the response listener ProxyHandler sets on it wrapped. */
    private ClientExchange watched(ClientExchange exchange) {
        Object proxy = Proxy.newProxyInstance(ClientExchange.class.getClassLoader(), new Class<?>[] {ClientExchange.class},
                (self, method, args) -> {
                    if (method.getName().equals("setResponseListener")) {
                        args[0] = answered(callback(args[0]));
                    }
                    try {
                        return method.invoke(exchange, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (ClientExchange) proxy;
    }

    @SuppressWarnings("unchecked")
    private static ClientCallback<ClientExchange> callback(Object callback) {
        return (ClientCallback<ClientExchange>) callback;
    }
}
