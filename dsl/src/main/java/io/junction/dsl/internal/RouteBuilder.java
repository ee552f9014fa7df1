package io.junction.dsl.internal;

import io.junction.core.model.Action;
import io.junction.core.model.SourceLocation;
import io.junction.dsl.RouteDsl;

import java.util.Objects;
import java.util.Optional;

/** The spec object behind a {@code route} or {@code otherwise} block: it takes exactly one action. */
final class RouteBuilder implements RouteDsl {

    private final ConfigBuilder config;
    private final String word;
    private final SourceLocation location;
    private final SetOnce actionOnce;
    private Action action;

    /** @param word the word that opened the block, {@code route} or {@code otherwise} */
    RouteBuilder(ConfigBuilder config, String word, SourceLocation location) {
        this.config = config;
        this.word = word;
        this.location = location;
        this.actionOnce = new SetOnce(word + " takes exactly one action: forward or respond");
    }

    @Override
    public void forward(String pool) {
        SourceLocation at = config.callSite(this, "forward");
        if (!actionOnce.claim("forward", at, config)) {
            return;
        }
        action = config.accepted(at, () -> new Action.Forward(pool, at)).orElse(null);
    }

    @Override
    public void respond(int status, String body) {
        SourceLocation at = config.callSite(this, "respond");
        if (!actionOnce.claim("respond", at, config)) {
            return;
        }
        action = config.accepted(at, () -> new Action.Respond(status, Objects.requireNonNullElse(body, ""), at)).orElse(null);
    }

    /** The action, or empty after recording why there is none. */
    Optional<Action> action() {
        if (!actionOnce.claimed()) {
            config.problem(location, word + " has no action: add forward 'pool' or respond status, 'body'");
        }
        return Optional.ofNullable(action);
    }
}
