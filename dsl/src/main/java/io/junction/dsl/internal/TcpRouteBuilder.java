package io.junction.dsl.internal;

import io.junction.core.model.Action;
import io.junction.core.model.SourceLocation;
import io.junction.dsl.TcpRouteDsl;

import java.util.Optional;

/** The spec object behind a tcp {@code route(sni: ...) { ... }} block: exactly one forward. */
final class TcpRouteBuilder implements TcpRouteDsl {

    private final ConfigBuilder config;
    private final SourceLocation location;
    private final ForwardOnce forward = new ForwardOnce("a tcp route forwards to one pool");

    TcpRouteBuilder(ConfigBuilder config, SourceLocation location) {
        this.config = config;
        this.location = location;
    }

    @Override
    public void forward(String pool) {
        forward.forward(config, config.callSite(this, "forward"), pool);
    }

    /** The forward, or empty after recording why there is none. */
    Optional<Action.Forward> forward() {
        if (!forward.claimed()) {
            config.problem(location, "route has no forward: add forward 'pool'");
        }
        return forward.get();
    }
}
