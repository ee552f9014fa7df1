package io.junction.server.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a reload would change: one line per listener, route, pool or backend that would be added ({@code +}),
 * removed ({@code -}) or changed ({@code ~}, with the running text and the new one), and for a consistent-hash
 * pool the share of keys that would move.
 */
public final class ConfigDiff {

    private ConfigDiff() {
    }

    /** @return the changes from {@code running} to {@code next}, empty when a reload would change nothing */
    public static List<String> between(ConfigOutline running, ConfigOutline next, KeyMovement keyMovement) {
        List<String> changes = new ArrayList<>();
        compare("listener", running.listeners(), next.listeners(), changes);
        for (String listener : keys(running.routes(), next.routes())) {
            List<String> before = running.routes().getOrDefault(listener, List.of());
            List<String> after = next.routes().getOrDefault(listener, List.of());
            after.stream().filter(route -> !before.contains(route))
                    .forEach(route -> changes.add("+ route of '" + listener + "': " + route));
            before.stream().filter(route -> !after.contains(route))
                    .forEach(route -> changes.add("- route of '" + listener + "': " + route));
            if (!before.equals(after) && Set.copyOf(before).equals(Set.copyOf(after))) {
                changes.add("~ routes of '" + listener + "': same routes in a new order (the first match wins)");
            }
        }
        compare("pool", running.pools(), next.pools(), changes);
        if (running.balancing() == null) {
            changes.addAll(unknownKeyMovement(running, next));
        } else {
            next.balancing().forEach((pool, balancing) ->
                    keyMovement.of(pool, running.balancing().get(pool), balancing).ifPresent(changes::add));
        }
        for (String pool : keys(running.backends(), next.backends())) {
            compare("backend of pool '" + pool + "'", running.backends().getOrDefault(pool, Map.of()),
                    next.backends().getOrDefault(pool, Map.of()), changes);
        }
        return changes;
    }

    /**
     * An older junction's {@code /api/config} has no {@code balancing}, so the keys a changed consistent-hash pool
     * would move cannot be counted: said so, instead of failing the whole diff.
     */
    private static List<String> unknownKeyMovement(ConfigOutline running, ConfigOutline next) {
        List<String> unknown = new ArrayList<>();
        next.balancing().forEach((pool, balancing) -> {
            boolean changed = !Objects.equals(running.pools().get(pool), next.pools().get(pool))
                    || !Objects.equals(running.backends().get(pool), next.backends().get(pool));
            if (KeyMovement.CONSISTENT_HASH.equals(balancing.strategy()) && running.pools().containsKey(pool) && changed) {
                unknown.add("~ pool '" + pool + "': the share of keys that move is unknown "
                        + "(the running junction is older: its /api/config has no balancing)");
            }
        });
        return unknown;
    }

    private static void compare(String what, Map<String, String> before, Map<String, String> after, List<String> changes) {
        for (String name : keys(before, after)) {
            String was = before.get(name);
            String is = after.get(name);
            if (was == null) {
                changes.add("+ " + what + " " + name + ": " + is);
            } else if (is == null) {
                changes.add("- " + what + " " + name + ": " + was);
            } else if (!Objects.equals(was, is)) {
                changes.add("~ " + what + " " + name + ": " + was + " => " + is);
            }
        }
    }

    private static Set<String> keys(Map<String, ?> before, Map<String, ?> after) {
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        return keys;
    }
}
