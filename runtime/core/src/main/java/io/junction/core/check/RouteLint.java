package io.junction.core.check;

import io.junction.core.model.Action;
import io.junction.core.model.Config;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.ListenerSpec;
import io.junction.core.model.Matcher;
import io.junction.core.model.PoolSpec;
import io.junction.core.model.RetrySpec;
import io.junction.core.model.RouteRetry;
import io.junction.core.model.RouteSpec;
import io.junction.core.model.TcpListenerSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a valid configuration most likely got wrong, as warnings at file:line: a route an earlier one shadows (or
 * duplicates), retries that can never apply because a route only takes non-idempotent methods, a per-try timeout above the
 * route's total timeout, and a pool no route
 * uses. Only static matchers are compared; a {@code when} block or a regex is never assumed to cover anything.
 */
public final class RouteLint {

    private RouteLint() {
    }

    public static List<ConfigProblem> warnings(Config config) {
        List<ConfigProblem> warnings = new ArrayList<>();
        for (HttpListenerSpec listener : config.listeners(HttpListenerSpec.class)) {
            shadowed(listener.routes(), warnings);
            listener.routes().forEach(route -> retriesNeverApply(route, config, warnings));
            listener.routes().forEach(route -> perTryAboveTotal(route, warnings));
        }
        unusedPools(config, warnings);
        return warnings;
    }

    private static void shadowed(List<RouteSpec> routes, List<ConfigProblem> warnings) {
        for (int later = 1; later < routes.size(); later++) {
            RouteSpec route = routes.get(later);
            for (RouteSpec earlier : routes.subList(0, later)) {
                if (covers(earlier, route)) {
                    warnings.add(new ConfigProblem(route.location(), Set.copyOf(earlier.matchers()).equals(Set.copyOf(route.matchers()))
                            ? "duplicate route: the route at " + earlier.location() + " matches the same requests first"
                            : "route never matches: the route at " + earlier.location() + " takes every request it would"));
                    break;
                }
            }
        }
    }

    /** Whether every request {@code later} matches is matched by {@code earlier}: each earlier matcher is implied by a later one. */
    static boolean covers(RouteSpec earlier, RouteSpec later) {
        return earlier.matchers().stream().allMatch(wide -> later.matchers().stream().anyMatch(narrow -> implies(narrow, wide)));
    }

    /** Whether every request {@code narrow} matches also matches {@code wide} (false when that cannot be told statically). */
    static boolean implies(Matcher narrow, Matcher wide) {
        if (narrow.equals(wide) && !(wide instanceof Matcher.Script)) {
            return true;
        }
        if (wide instanceof Matcher.Host host && narrow instanceof Matcher.Host other) {
            String w = host.normalized();
            String n = other.normalized();
            return w.equals("*") || w.equals(n) || w.startsWith("*.") && n.endsWith(w.substring(1)) && !n.equals("*");
        }
        if (wide instanceof Matcher.PathPrefix prefix) {
            return literalPrefix(narrow).map(path -> Matcher.PathPrefix.under(path, prefix.prefix())).orElse(false);
        }
        if (wide instanceof Matcher.Method methods && narrow instanceof Matcher.Method other) {
            return methods.methods().containsAll(other.methods());
        }
        return false;
    }

    /** The literal part every path {@code matcher} matches starts with, when it is a path matcher that has one. */
    private static Optional<String> literalPrefix(Matcher matcher) {
        if (matcher instanceof Matcher.PathPrefix prefix) {
            return Optional.of(prefix.prefix());
        }
        if (matcher instanceof Matcher.PathExact exact) {
            return Optional.of(exact.path());
        }
        if (matcher instanceof Matcher.PathGlob glob) {
            String pattern = glob.pattern();
            int star = pattern.indexOf('*');
            return Optional.of(pattern.substring(0, pattern.lastIndexOf('/', star)));
        }
        return Optional.empty();
    }

    /** Retries, the route's own or else its pool's, that resend only idempotent methods, on a route that takes none. */
    private static void retriesNeverApply(RouteSpec route, Config config, List<ConfigProblem> warnings) {
        RouteRetry own = route.policy().retry();
        String whose;
        if (own != null) {
            if (own.tries() < 2 || own.resend()) {
                return;
            }
            whose = "retries of this route";
        } else {
            PoolSpec pool = route.action() instanceof Action.Forward forward ? config.pools().get(forward.pool()) : null;
            if (pool == null || pool.retries().retries() == 0) {
                return;
            }
            whose = "retries of pool '" + pool.name() + "'";
        }
        route.matchers().stream()
                .filter(Matcher.Method.class::isInstance)
                .map(matcher -> ((Matcher.Method) matcher).methods())
                .filter(methods -> methods.stream().noneMatch(RetrySpec::idempotent))
                .findFirst()
                .ifPresent(methods -> warnings.add(new ConfigProblem(route.location(), whose
                        + " never apply to this route: it only takes " + String.join(", ", new TreeSet<>(methods))
                        + ", which is not idempotent, and a request already sent is resent only when it is")));
    }

    private static void perTryAboveTotal(RouteSpec route, List<ConfigProblem> warnings) {
        RouteRetry retry = route.policy().retry();
        Duration total = route.policy().total();
        if (retry != null && retry.perTry() != null && total != null && retry.perTry().compareTo(total) > 0) {
            warnings.add(new ConfigProblem(route.location(), "retry perTry " + retry.perTry().toMillis() + " ms"
                    + " is above the route's total timeout " + total.toMillis() + " ms" + ": a try is cut short by the total"));
        }
    }

    private static void unusedPools(Config config, List<ConfigProblem> warnings) {
        Set<String> used = new HashSet<>();
        for (ListenerSpec listener : config.listeners()) {
            actions(listener).forEach(action -> used.addAll(action.pools()));
        }
        config.pools().values().stream()
                .filter(pool -> !used.contains(pool.name()))
                .forEach(pool -> warnings.add(new ConfigProblem(pool.location(), "pool '" + pool.name() + "' is used by no route")));
    }

    /** Every action of the listener's routes, a tcp listener's own forward included (split names several pools). */
    private static Stream<Action> actions(ListenerSpec listener) {
        Stream<RouteSpec> routes = Stream.empty();
        Stream<Action> direct = Stream.empty();
        if (listener instanceof HttpListenerSpec http) {
            routes = Stream.concat(http.routes().stream(), Stream.ofNullable(http.otherwise()));
        } else if (listener instanceof TcpListenerSpec tcp) {
            routes = tcp.routes().stream();
            direct = Stream.ofNullable(tcp.forward());
        }
        return Stream.concat(direct, routes.map(RouteSpec::action));
    }
}
