package io.junction.server.proxy;

import io.junction.server.tls.ListenerTls;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Protocols;
import org.xnio.IoUtils;

/**
 * The forwards of one HTTP/2 connection still holding a backend connection. A client can have at most
 * {@link ListenerTls#MAX_CONCURRENT_STREAMS} streams open, so more forwards than that are of streams it reset (rapid
 * reset): its connection is closed before its reset streams can take the backend connections other clients need.
 */
final class StreamsInFlight {
    private static final AttachmentKey<StreamsInFlight> KEY = AttachmentKey.create(StreamsInFlight.class);
    /** Touched on the connection's I/O thread only. */
    private int forwards;

    static boolean admit(HttpServerExchange exchange) {
        if (!Protocols.HTTP_2_0.equals(exchange.getProtocol())) {
            return true;
        }
        ServerConnection connection = exchange.getConnection();
        StreamsInFlight inFlight = connection.getAttachment(KEY);
        if (inFlight == null) {
            inFlight = new StreamsInFlight();
            connection.putAttachment(KEY, inFlight);
        }
        if (!connection.isOpen() || inFlight.forwards >= ListenerTls.MAX_CONCURRENT_STREAMS) {
            IoUtils.safeClose(connection);
            return false;
        }
        inFlight.forwards++;
        StreamsInFlight counted = inFlight;
        exchange.addExchangeCompleteListener((ex, next) -> {
            counted.forwards--;
            next.proceed();
        });
        return true;
    }
}
