package io.junction.core.check;

import io.junction.core.model.Action;
import io.junction.core.model.BackendAddress.Scheme;
import io.junction.core.model.Config;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.ListenerSpec;
import io.junction.core.model.PoolSpec;
import io.junction.core.model.RouteSpec;
import io.junction.core.model.SourceLocation;
import io.junction.core.model.TcpListenerSpec;

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
 * <p>
 * One owner per rule: a rule about one value (its shape or range) belongs to the model record
 * that holds it and is reported by the DSL at the {@code file:line} that wrote it; a rule that
 * needs the whole configuration lives here, and nowhere else.
 */
public final class ConfigValidator {

    /** The kind word of balancing strategy ids in {@link #ConfigValidator(Map)}: the DSL word that names one. */
    public static final String BALANCE = "balance";
    /** The kind word of health check ids: the DSL word that names one. */
    public static final String HEALTH = "health";
    /** The kind word of session store ids: the DSL word that names one. */
    public static final String SESSIONS = "sessions";

    private final Set<String> strategyIds;
    private final Set<String> healthCheckIds;
    private final Set<String> sessionStoreIds;

    /** @param strategyIds the balancing strategy ids the loaded plugins provide */
    public ConfigValidator(Set<String> strategyIds) {
        this(Map.of(BALANCE, strategyIds));
    }

    /** @param extensionIds the extension ids the loaded plugins provide, by kind word (e.g. {@link #BALANCE}) */
    public ConfigValidator(Map<String, Set<String>> extensionIds) {
        this.strategyIds = new TreeSet<>(extensionIds.getOrDefault(BALANCE, Set.of()));
        this.healthCheckIds = new TreeSet<>(extensionIds.getOrDefault(HEALTH, Set.of()));
        this.sessionStoreIds = new TreeSet<>(extensionIds.getOrDefault(SESSIONS, Set.of()));
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
        Map<Integer, ListenerSpec> byPort = new HashMap<>();
        for (ListenerSpec listener : config.listeners()) {
            ListenerSpec first = listener.port() == 0 ? null : byPort.putIfAbsent(listener.port(), listener);
            if (first != null) {
                problems.add(new ConfigProblem(listener.location(),
                        "listener '" + listener.name() + "' uses port " + listener.port()
                                + ", already taken by listener '" + first.name() + "' at " + first.location()));
            }
        }
        for (ListenerSpec listener : config.listeners()) {
            for (Action action : actions(listener)) {
                checkAction(listener, action, config, problems);
            }
        }
    }

    private static void checkAction(ListenerSpec listener, Action action, Config config, List<ConfigProblem> problems) {
        for (String name : action.pools()) {
            checkForward(listener, name, action.location(), config, problems);
        }
    }

    private static void checkForward(ListenerSpec listener, String poolName, SourceLocation at, Config config,
                                     List<ConfigProblem> problems) {
        PoolSpec pool = config.pools().get(poolName);
        if (pool == null) {
            problems.add(new ConfigProblem(at, "forward to pool '" + poolName
                    + "', which is not defined; defined pools: " + namesOrNone(config.pools().keySet())));
            return;
        }
        boolean tcp = listener instanceof TcpListenerSpec;
        String kind = tcp ? "tcp" : "http";
        String forms = tcp ? Scheme.TCP.form() : Scheme.HTTP.form() + " or " + Scheme.HTTPS.form();
        pool.backends().stream().filter(backend -> backend.address().scheme().speaksHttp() == tcp).findFirst().ifPresent(backend ->
                problems.add(new ConfigProblem(at, kind + " listener '" + listener.name()
                        + "' forwards to pool '" + pool.name() + "', whose backend '" + backend.id() + "' at "
                        + backend.location() + " is not " + forms + ": pools of " + kind + " listeners take "
                        + (tcp ? "tcp://" : "http:// or https://") + " backends only")));
    }

    /** Every action a listener can take, in declaration order. */
    private static List<Action> actions(ListenerSpec listener) {
        List<RouteSpec> routes = listener instanceof TcpListenerSpec tcp ? tcp.routes() : ((HttpListenerSpec) listener).routes();
        List<Action> actions = new ArrayList<>(routes.stream().map(RouteSpec::action).toList());
        Action otherwise = listener instanceof TcpListenerSpec tcp ? tcp.forward() : ((HttpListenerSpec) listener).otherwise().action();
        if (otherwise != null) {
            actions.add(otherwise);
        }
        return actions;
    }

    private void checkPool(PoolSpec pool, List<ConfigProblem> problems) {
        if (!strategyIds.contains(pool.strategy())) {
            problems.add(new ConfigProblem(pool.location(), "pool '" + pool.name() + "': unknown balancing strategy '"
                    + pool.strategy() + "'; available: " + namesOrNone(strategyIds)));
        }
        if (pool.health() != null && !healthCheckIds.contains(pool.health().check())) {
            problems.add(new ConfigProblem(pool.location(), "pool '" + pool.name() + "': unknown health check '"
                    + pool.health().check() + "'; available: " + namesOrNone(healthCheckIds)));
        }
        if (pool.affinity() != null && !sessionStoreIds.contains(pool.affinity().store())) {
            problems.add(new ConfigProblem(pool.location(), "pool '" + pool.name() + "': unknown session store '"
                    + pool.affinity().store() + "'; available: " + namesOrNone(sessionStoreIds)));
        }
        if (pool.affinity() != null && pool.backends().stream().anyMatch(backend -> backend.address().scheme() == Scheme.TCP)) {
            problems.add(new ConfigProblem(pool.location(), "pool '" + pool.name() + "': sticky works for http pools only"));
        }
        if (pool.backends().isEmpty()) {
            problems.add(new ConfigProblem(pool.location(), "pool '" + pool.name() + "' has no backend"));
        }
    }

    private static String namesOrNone(Set<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(names));
    }
}
