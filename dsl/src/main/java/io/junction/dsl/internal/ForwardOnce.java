package io.junction.dsl.internal;

import io.junction.core.model.Action;
import io.junction.core.model.SourceLocation;

import java.util.Optional;

/** The one {@code forward} a tcp block takes; a second one is reported where it is written. */
final class ForwardOnce {

    private final SetOnce once;
    private Action.Forward forward;

    /** @param rule why once, for the message */
    ForwardOnce(String rule) {
        this.once = new SetOnce(rule);
    }

    void forward(ConfigBuilder config, SourceLocation at, String pool) {
        if (once.claim("forward", at, config)) {
            forward = config.accepted(at, () -> new Action.Forward(pool, at)).orElse(null);
        }
    }

    boolean claimed() {
        return once.claimed();
    }

    /** The forward; empty when none was written or it was refused. */
    Optional<Action.Forward> get() {
        return Optional.ofNullable(forward);
    }
}
