package io.junction.server.engine;

import io.junction.core.forward.UpstreamPolicy;
import io.junction.core.pool.Pool;

import java.nio.charset.StandardCharsets;

/** What the engine does with a request a route matched, resolved once per configuration generation. */
public sealed interface RouteAction permits RouteAction.Respond, RouteAction.Forward {

    /** Answer with a status and a short text body. */
    record Respond(int status, byte[] body) implements RouteAction {
        public Respond(int status, String body) {
            this(status, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Forward to a pool under its upstream policy. */
    record Forward(Pool pool, UpstreamPolicy policy) implements RouteAction {
    }
}
