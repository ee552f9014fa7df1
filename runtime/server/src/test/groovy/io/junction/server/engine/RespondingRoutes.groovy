package io.junction.server.engine

import com.codahale.metrics.Meter
import com.codahale.metrics.Timer
import io.junction.core.edit.ForwardingFields
import io.junction.core.model.Action
import io.junction.core.model.ForwardingSpec
import io.junction.core.model.HttpLimits
import io.junction.core.model.RouteSpec
import io.junction.core.model.SourceLocation
import io.junction.core.routing.RouteTable
import io.junction.server.logging.AccessLog

import java.nio.charset.StandardCharsets
import java.time.Duration

/** Routes that answer every request 200 with one body, for engine specs that need no backend, and a client's read of it. */
final class RespondingRoutes {

    static final String BODY = 'idle'
    private static final SourceLocation HERE = new SourceLocation('RespondingRoutes', 1, 1)

    static EngineRoutes routes() {
        routes(RouteTable.compile([], RouteSpec.catchAll(new Action.Respond(200, BODY, HERE), HERE),
                { route -> RouteActions.of(route, { null }, { null }) }))
    }

    /** The listener's settings of {@link #routes()} around other routes. */
    static EngineRoutes routes(RouteTable<RouteAction> table) {
        def limits = new HttpLimits(8192, 100, Duration.ofSeconds(30), Duration.ofMinutes(5), 0L, 0,
                Duration.ofSeconds(30), Duration.ofSeconds(30), 0)
        new EngineRoutes(table, new Timer(), new Meter(), limits, AccessLog.OFF, new ForwardingFields(ForwardingSpec.DEFAULTS), false)
    }

    static byte[] ascii(String text) {
        text.getBytes(StandardCharsets.US_ASCII)
    }

    /** Reads up to the end of the answer, whose body is {@link #BODY}. */
    static String answer(Socket socket) {
        readUntil(socket, "\r\n\r\n$BODY")
    }

    /** Reads byte by byte until what was read ends with {@code end}; returns all of it. */
    static String readUntil(Socket socket, String end) {
        def received = new StringBuilder()
        while (!received.toString().endsWith(end)) {
            int b = socket.inputStream.read()
            assert b >= 0: "connection closed after: $received"
            received.append((char) b)
        }
        received.toString()
    }

    private RespondingRoutes() {
    }
}
