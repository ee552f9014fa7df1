package io.junction.server.plugins;

import io.junction.api.JunctionExtension;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The extensions of one {@link PluginSet}, by kind (extension-point type) and id, each with the plugin it came
 * from. Immutable. The validator, {@code check}, reload and the logs all read the ids from here.
 */
public final class ExtensionCatalog {

    private static final ExtensionCatalog EMPTY = new Builder().build();

    /** kind type -> id -> entry; every known kind is present, in {@link ExtensionKind#KNOWN} order */
    private final Map<Class<?>, SortedMap<String, Entry>> byKind;

    private ExtensionCatalog(Map<Class<?>, SortedMap<String, Entry>> byKind) {
        Map<Class<?>, SortedMap<String, Entry>> copy = new LinkedHashMap<>();
        byKind.forEach((kind, entries) -> copy.put(kind, Collections.unmodifiableSortedMap(new TreeMap<>(entries))));
        this.byKind = Collections.unmodifiableMap(copy);
    }

    static ExtensionCatalog empty() {
        return EMPTY;
    }

    /** The ids of this kind, sorted. */
    public <T extends JunctionExtension> List<String> ids(Class<T> kind) {
        return List.copyOf(entries(kind).keySet());
    }

    /** The extension of this kind with this id; throws naming the available ids when there is none. */
    public <T extends JunctionExtension> T get(Class<T> kind, String id) {
        return kind.cast(entry(kind, id).contribution().extension());
    }

    /** The plugin the extension of this kind with this id comes from; throws as {@link #get} does. */
    public <T extends JunctionExtension> PluginInfo owner(Class<T> kind, String id) {
        return entry(kind, id).owner();
    }

    /** The ids of every kind by its DSL word ({@code balance}), as the configuration validator takes them. */
    public Map<String, Set<String>> idsByWord() {
        return ExtensionKind.KNOWN.stream().collect(Collectors.toUnmodifiableMap(ExtensionKind::word,
                kind -> Set.copyOf(byKind.get(kind.type()).keySet())));
    }

    /** One kind for logs and {@code check}: {@code strategies: round-robin, weighted-round-robin}. */
    public <T extends JunctionExtension> String summary(Class<T> kind) {
        ExtensionKind<T> known = ExtensionKind.of(kind);
        return known.plural() + ": " + listOrNone(ids(kind));
    }

    /** Every kind, in the order of {@link ExtensionKind#KNOWN}, joined by "; ". */
    public String summary() {
        return ExtensionKind.KNOWN.stream().map(kind -> summary(kind.type())).collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return summary();
    }

    private SortedMap<String, Entry> entries(Class<? extends JunctionExtension> kind) {
        return byKind.get(ExtensionKind.of(kind).type());
    }

    private Entry entry(Class<? extends JunctionExtension> kind, String id) {
        Entry entry = entries(kind).get(id);
        if (entry == null) {
            throw new IllegalArgumentException("unknown " + ExtensionKind.of(kind) + " '" + id + "'; available: " + listOrNone(ids(kind)));
        }
        return entry;
    }

    private static String listOrNone(List<String> ids) {
        return ids.isEmpty() ? "(none)" : String.join(", ", ids);
    }

    private record Entry(Contribution contribution, PluginInfo owner) {
    }

    /** Collects the plugins' contributions; the one place an id taken twice within a kind is refused. */
    static final class Builder {

        private final Map<Class<?>, SortedMap<String, Entry>> byKind = new LinkedHashMap<>();

        Builder() {
            ExtensionKind.KNOWN.forEach(kind -> byKind.put(kind.type(), new TreeMap<>()));
        }

        /**
         * Adds all of a plugin's contributions, or none: throws {@link PluginRefusedException} naming both
         * classes, or both plugins and JARs, when an id of a kind is taken twice.
         */
        Builder add(PluginInfo owner, List<Contribution> contributions) {
            Map<Class<?>, Map<String, Contribution>> own = new LinkedHashMap<>();
            for (Contribution contribution : contributions) {
                Class<?> kind = contribution.kind().type();
                Entry taken = byKind.get(kind).get(contribution.id());
                if (taken != null) {
                    throw new PluginRefusedException(contribution.kind() + " id '" + contribution.id()
                            + "' is already provided by " + taken.owner().label());
                }
                Contribution twin = own.computeIfAbsent(kind, k -> new LinkedHashMap<>()).putIfAbsent(contribution.id(), contribution);
                if (twin != null) {
                    throw new PluginRefusedException(contribution.kind() + " id '" + contribution.id() + "' is provided twice, by "
                            + twin.className() + " and " + contribution.className());
                }
            }
            contributions.forEach(c -> byKind.get(c.kind().type()).put(c.id(), new Entry(c, owner)));
            return this;
        }

        ExtensionCatalog build() {
            return new ExtensionCatalog(byKind);
        }
    }
}
