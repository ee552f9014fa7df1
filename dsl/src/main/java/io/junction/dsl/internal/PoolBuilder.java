package io.junction.dsl.internal;

import io.junction.core.model.AllDownSpec;
import io.junction.core.model.BackendAddress;
import io.junction.core.model.BackendMode;
import io.junction.core.model.BackendSpec;
import io.junction.core.model.EjectionSpec;
import io.junction.core.model.HealthSpec;
import io.junction.core.model.PoolSpec;
import io.junction.core.model.ProxyProtocol;
import io.junction.core.model.RetrySpec;
import io.junction.core.model.SourceLocation;
import io.junction.dsl.PoolDsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The spec object behind one {@code pool('name') { ... }} block. */
final class PoolBuilder implements PoolDsl {

    /** The health options Junction reads itself; the others go to the check plugin. */
    private static final Set<String> HEALTH_OWN = Set.of("interval", "timeout", "fall", "rise", "initial");

    private final ConfigBuilder config;
    private final String name;
    private final SourceLocation location;
    private final SetOnce balanceOnce = new SetOnce("a pool takes one balance");
    private final SetOnce timeoutsOnce = new SetOnce("a pool takes one timeouts");
    private final SetOnce healthOnce = new SetOnce("a pool takes one health");
    private final SetOnce ejectOnce = new SetOnce("a pool takes one eject");
    private final SetOnce retriesOnce = new SetOnce("a pool takes one retries");
    private final SetOnce allDownOnce = new SetOnce("a pool takes one allDown");
    private final SetOnce proxyProtocolOnce = new SetOnce("a pool takes one proxyProtocol");
    private final List<BackendSpec> backends = new ArrayList<>();
    private String strategy = PoolSpec.DEFAULT_STRATEGY;
    private Map<String, String> strategyOptions = Map.of();
    private PoolSpec.Timeouts timeouts = PoolSpec.Timeouts.DEFAULTS;
    private HealthSpec health;
    private EjectionSpec ejection = EjectionSpec.DEFAULTS;
    private RetrySpec retries = RetrySpec.NONE;
    private AllDownSpec allDown = AllDownSpec.DEFAULTS;
    private ProxyProtocol proxyProtocol;
    private SourceLocation proxyProtocolAt;

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
        NamedArgs args = NamedArgs.of(config, at, "backend", options, "weight", "state");
        int written = Optional.ofNullable(args.wholeNumber("weight")).orElse(1);
        String modeText = Optional.ofNullable(args.text("state")).orElse(BackendMode.UP.text());
        Optional<Integer> weight = config.accepted(at, () -> BackendSpec.requireWeight(written));
        Optional<BackendMode> mode = config.accepted(at, () -> BackendMode.parse(modeText));
        Optional<BackendAddress> address = config.accepted(at, () -> BackendAddress.parse(uri));
        if (weight.isPresent() && mode.isPresent() && address.isPresent()) {
            backends.add(new BackendSpec(address.get(), weight.get(), mode.get(), at));
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

    @Override
    public void health(String check) {
        health(Map.of(), check);
    }

    @Override
    public void health(Map<String, ?> options, String check) {
        SourceLocation at = config.callSite(this, "health");
        if (!healthOnce.claim("health", at, config)) {
            return;
        }
        if (check == null || check.isBlank()) {
            config.problem(at, "health needs a check id, e.g. health 'http'");
            return;
        }
        NamedArgs args = NamedArgs.open(config, at, "health", options);
        var interval = Optional.ofNullable(args.duration("interval")).orElse(HealthSpec.DEFAULT_INTERVAL);
        var timeout = Optional.ofNullable(args.duration("timeout")).orElse(HealthSpec.DEFAULT_TIMEOUT);
        int fall = Optional.ofNullable(args.wholeNumber("fall")).orElse(HealthSpec.DEFAULT_FALL);
        int rise = Optional.ofNullable(args.wholeNumber("rise")).orElse(HealthSpec.DEFAULT_RISE);
        String initialText = Optional.ofNullable(args.text("initial")).orElse("up");
        Map<String, String> pluginOptions = args.asTextExcept(HEALTH_OWN);
        config.accepted(at, () -> new HealthSpec(check, pluginOptions, interval, timeout, fall, rise,
                HealthSpec.Initial.parse(initialText))).ifPresent(spec -> health = spec);
    }

    @Override
    public void eject(Map<String, ?> options) {
        SourceLocation at = config.callSite(this, "eject");
        if (!ejectOnce.claim("eject", at, config)) {
            return;
        }
        NamedArgs args = NamedArgs.of(config, at, "eject", options, "failures", "time", "maxTime", "maxPercent");
        EjectionSpec d = EjectionSpec.DEFAULTS;
        int failures = Optional.ofNullable(args.wholeNumber("failures")).orElse(d.failures());
        var time = Optional.ofNullable(args.duration("time")).orElse(d.baseTime());
        var maxTime = Optional.ofNullable(args.duration("maxTime")).orElse(d.maxTime().compareTo(time) < 0 ? time : d.maxTime());
        int maxPercent = Optional.ofNullable(args.wholeNumber("maxPercent")).orElse(d.maxPercent());
        config.accepted(at, () -> new EjectionSpec(failures, time, maxTime, maxPercent)).ifPresent(spec -> ejection = spec);
    }

    @Override
    public void retries(int retries) {
        retries(Map.of(), retries);
    }

    @Override
    public void retries(Map<String, ?> options, int count) {
        SourceLocation at = config.callSite(this, "retries");
        if (!retriesOnce.claim("retries", at, config)) {
            return;
        }
        NamedArgs args = NamedArgs.of(config, at, "retries", options, "time", "budget");
        var time = Optional.ofNullable(args.duration("time")).orElse(RetrySpec.NONE.time());
        int budget = Optional.ofNullable(args.wholeNumber("budget")).orElse(RetrySpec.NONE.budgetPercent());
        config.accepted(at, () -> new RetrySpec(count, time, budget)).ifPresent(spec -> retries = spec);
    }

    @Override
    public void proxyProtocol(String version) {
        SourceLocation at = config.callSite(this, "proxyProtocol");
        if (proxyProtocolOnce.claim("proxyProtocol", at, config)) {
            proxyProtocolAt = at;
            config.accepted(at, () -> ProxyProtocol.of(version)).ifPresent(v -> proxyProtocol = v);
        }
    }

    @Override
    public void allDown(Map<String, ?> options) {
        SourceLocation at = config.callSite(this, "allDown");
        if (allDownOnce.claim("allDown", at, config)) {
            NamedArgs args = NamedArgs.of(config, at, "allDown", options, "panic", "retryAfter");
            boolean panic = Optional.ofNullable(args.flag("panic")).orElse(false);
            var retryAfter = Optional.ofNullable(args.duration("retryAfter")).orElse(AllDownSpec.DEFAULTS.retryAfter());
            allDown = new AllDownSpec(panic, retryAfter);
        }
    }

    /** The pool, or empty after reporting why there is none (at its proxyProtocol, the one word checked here). */
    Optional<PoolSpec> build() {
        return config.accepted(proxyProtocolAt != null ? proxyProtocolAt : location, () -> new PoolSpec(name, strategy,
                strategyOptions, backends, timeouts, health, ejection, retries, allDown, proxyProtocol, location));
    }
}
