package io.junction.dsl.internal;

import io.junction.core.model.BackendSpec;
import io.junction.core.model.PoolSpec;
import io.junction.core.model.SourceLocation;
import io.junction.dsl.PoolDsl;

import java.net.URI;
import java.net.URISyntaxException;
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
        int weight = Optional.ofNullable(args.wholeNumber("weight")).orElse(1);
        if (weight < 1) {
            config.problem(at, "backend weight: got " + weight + ", expected a whole number of at least 1");
        }
        Optional<URI> address = parseAddress(uri, at);
        if (weight >= 1 && address.isPresent()) {
            backends.add(new BackendSpec(address.get(), weight, at));
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

    /** Accepts exactly {@code http://host:port}, optionally with a trailing "/". */
    private Optional<URI> parseAddress(String text, SourceLocation at) {
        String reason;
        try {
            URI uri = new URI(String.valueOf(text));
            Optional<String> problem = addressProblem(uri);
            if (problem.isEmpty()) {
                return Optional.of(uri);
            }
            reason = problem.get();
        } catch (URISyntaxException e) {
            reason = e.getReason();
        }
        config.problem(at, "backend '" + text + "' is not http://host:port: " + reason);
        return Optional.empty();
    }

    private static Optional<String> addressProblem(URI uri) {
        if (!"http".equals(uri.getScheme())) {
            return Optional.of("the scheme must be http");
        }
        if (uri.getHost() == null) {
            return Optional.of("the host is missing or not a valid host name");
        }
        if (uri.getPort() == -1) {
            return Optional.of("the port is missing");
        }
        if (uri.getPort() < 1 || uri.getPort() > 65535) {
            return Optional.of("the port must be 1..65535");
        }
        boolean onlyRoot = uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!onlyRoot || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            return Optional.of("a path, query or user info is not allowed");
        }
        return Optional.empty();
    }
}
