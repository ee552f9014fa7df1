package io.junction.dsl.internal;

import io.junction.core.model.BackendAddress;
import io.junction.core.model.BackendSpec;
import io.junction.core.model.PoolSpec;
import io.junction.core.model.SourceLocation;
import io.junction.dsl.PoolDsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The spec object behind one {@code pool('name') { ... }} block. */
final class PoolBuilder implements PoolDsl {

    private final ConfigBuilder config;
    private final String name;
    private final SourceLocation location;
    private final SetOnce balanceOnce = new SetOnce("a pool takes one balance");
    private final SetOnce timeoutsOnce = new SetOnce("a pool takes one timeouts");
    private final List<BackendSpec> backends = new ArrayList<>();
    private String strategy = PoolSpec.DEFAULT_STRATEGY;
    private Map<String, String> strategyOptions = Map.of();
    private PoolSpec.Timeouts timeouts = PoolSpec.Timeouts.DEFAULTS;

    PoolBuilder(ConfigBuilder config, String name, SourceLocation location) {
        this.config = config;
        this.name = name;
        this.location = location;
    }

    @Override
    public void balance(String strategy) {
        balance(Map.of(), strategy);
    }

    @Override
    public void balance(Map<String, ?> options, String strategy) {
        SourceLocation at = config.callSite(this, "balance");
        if (!balanceOnce.claim("balance", at, config)) {
            return;
        }
        if (strategy == null || strategy.isBlank()) {
            config.problem(at, "balance needs a strategy id, e.g. balance '" + PoolSpec.DEFAULT_STRATEGY + "'");
            return;
        }
        this.strategy = strategy;
        this.strategyOptions = NamedArgs.open(config, at, "balance", options).asText();
    }

    @Override
    public void backend(String uri) {
        backend(Map.of(), uri);
    }

    @Override
    public void backend(Map<String, ?> options, String uri) {
        SourceLocation at = config.callSite(this, "backend");
        NamedArgs args = NamedArgs.of(config, at, "backend", options, "weight");
        int written = Optional.ofNullable(args.wholeNumber("weight")).orElse(1);
        Optional<Integer> weight = config.accepted(at, () -> BackendSpec.requireWeight(written));
        Optional<BackendAddress> address = config.accepted(at, () -> BackendAddress.parse(uri));
        if (weight.isPresent() && address.isPresent()) {
            backends.add(new BackendSpec(address.get(), weight.get(), at));
        }
    }

    @Override
    public void timeouts(Map<String, ?> durations) {
        SourceLocation at = config.callSite(this, "timeouts");
        if (timeoutsOnce.claim("timeouts", at, config)) {
            NamedArgs args = NamedArgs.of(config, at, "timeouts", durations, "connect", "response");
            timeouts = new PoolSpec.Timeouts(args.duration("connect"), args.duration("response"));
        }
    }

    PoolSpec build() {
        return new PoolSpec(name, strategy, strategyOptions, backends, timeouts, location);
    }
}
