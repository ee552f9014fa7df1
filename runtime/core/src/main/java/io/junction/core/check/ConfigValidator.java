package io.junction.core.check;

import io.junction.core.model.Action;
import io.junction.core.model.BackendSpec;
import io.junction.core.model.Config;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.PoolSpec;
import io.junction.core.model.RouteSpec;
import io.junction.core.model.SourceLocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks what a single script cannot see on its own: references between scripts, strategy ids
 * against the plugins loaded, listener ports against each other.
 */
public final class ConfigValidator {

    /** The kind word of balancing strategy ids in {@link #ConfigValidator(Map)}: the DSL word that names one. */
    public static final String BALANCE = "balance";

    private final Set<String> strategyIds;

    /** @param strategyIds the balancing strategy ids the loaded plugins provide */
    public ConfigValidator(Set<String> strategyIds) {
        this(Map.of(BALANCE, strategyIds));
    }

    /** @param extensionIds the extension ids the loaded plugins provide, by kind word (e.g. {@link #BALANCE}) */
    public ConfigValidator(Map<String, Set<String>> extensionIds) {
        this.strategyIds = new TreeSet<>(extensionIds.getOrDefault(BALANCE, Set.of()));
    }

    /** @return every problem, ordered by file, line and column; empty when the config is usable */
    public List<ConfigProblem> problems(Config config) {
        List<ConfigProblem> problems = new ArrayList<>();
        checkListeners(config, problems);
        config.pools().values().forEach(pool -> checkPool(pool, problems));
        problems.sort(Comparator.comparing((ConfigProblem p) -> p.location().file())
                .thenComparingInt(p -> p.location().line())
                .thenComparingInt(p -> p.location().column()));
        return problems;
    }

    /** @throws ConfigException listing every problem, when there is any */
    public void validate(Config config) throws ConfigException {
        List<ConfigProblem> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private void checkListeners(Config config, List<ConfigProblem> problems) {
        if (config.listeners().isEmpty()) {
            problems.add(new ConfigProblem(new SourceLocation("conf.d", 0, 0),
                    "no listener is declared: add one, e.g. http('public', port: 8080) { ... }"));
        }
        Map<Integer, HttpListenerSpec> byPort = new HashMap<>();
        for (HttpListenerSpec listener : config.listeners()) {
            if (listener.port() < 0 || listener.port() > 65535) {
                problems.add(new ConfigProblem(listener.location(),
                        "listener '" + listener.name() + "' port " + listener.port() + " is outside 0..65535"));
            } else if (listener.port() != 0) {
                HttpListenerSpec first = byPort.putIfAbsent(listener.port(), listener);
                if (first != null) {
                    problems.add(new ConfigProblem(listener.location(),
                            "listener '" + listener.name() + "' uses port " + listener.port()
                                    + ", already taken by listener '" + first.name() + "' at " + first.location()));
                }
            }
            for (RouteSpec route : listener.routes()) {
                checkAction(route.action(), config, problems);
            }
            checkAction(listener.otherwise(), config, problems);
        }
    }

    private static void checkAction(Action action, Config config, List<ConfigProblem> problems) {
        if (action instanceof Action.Forward forward && !config.pools().containsKey(forward.pool())) {
            problems.add(new ConfigProblem(forward.location(), "forward to pool '" + forward.pool()
                    + "', which is not defined; defined pools: " + namesOrNone(config.pools().keySet())));
        }
        if (action instanceof Action.Respond respond && (respond.status() < 100 || respond.status() > 599)) {
            problems.add(new ConfigProblem(respond.location(), "status " + respond.status() + " is not an HTTP status (100..599)"));
        }
    }

    private void checkPool(PoolSpec pool, List<ConfigProblem> problems) {
        if (!strategyIds.contains(pool.strategy())) {
            problems.add(new ConfigProblem(pool.location(), "pool '" + pool.name() + "': unknown balancing strategy '"
                    + pool.strategy() + "'; available: " + namesOrNone(strategyIds)));
        }
        if (pool.backends().isEmpty()) {
            problems.add(new ConfigProblem(pool.location(), "pool '" + pool.name() + "' has no backend"));
        }
        for (BackendSpec backend : pool.backends()) {
            if (backend.weight() < 1) {
                problems.add(new ConfigProblem(backend.location(), "backend " + backend.uri() + ": weight must be at least 1"));
            }
        }
    }

    private static String namesOrNone(Set<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(names));
    }
}
