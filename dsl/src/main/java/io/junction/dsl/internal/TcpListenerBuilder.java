package io.junction.dsl.internal;

import io.junction.core.model.Action;
import io.junction.core.model.SourceLocation;
import io.junction.core.model.TcpListenerSpec;
import io.junction.dsl.TcpListenerDsl;

import java.util.Optional;

/** The spec object behind one {@code tcp('name', port: ...) { ... }} block. */
final class TcpListenerBuilder implements TcpListenerDsl {

    private final ConfigBuilder config;
    private final ConfigBuilder.ListenerHead head;
    private final TcpListenerSpec.Limits limits;
    private final SetOnce forwardOnce = new SetOnce("a tcp listener forwards to one pool");
    private Action.Forward forward;

    TcpListenerBuilder(ConfigBuilder config, ConfigBuilder.ListenerHead head, TcpListenerSpec.Limits limits) {
        this.config = config;
        this.head = head;
        this.limits = limits;
    }

    @Override
    public void forward(String pool) {
        SourceLocation at = config.callSite(this, "forward");
        if (forwardOnce.claim("forward", at, config)) {
            forward = config.accepted(at, () -> new Action.Forward(pool, at)).orElse(null);
        }
    }

    /** The listener, or empty after recording why there is none. */
    Optional<TcpListenerSpec> build() {
        if (!forwardOnce.claimed()) {
            config.problem(head.at(), "tcp '" + head.name() + "' has no forward: add forward 'pool'");
        }
        if (forward == null || limits == null) {
            return Optional.empty();
        }
        return Optional.of(new TcpListenerSpec(head.name(), head.bind(), head.port(), forward, limits, head.at()));
    }
}
