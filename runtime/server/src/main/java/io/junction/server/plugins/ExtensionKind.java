package io.junction.server.plugins;

import io.junction.api.BalancingStrategy;
import io.junction.api.HealthCheck;
import io.junction.api.JunctionExtension;
import io.junction.api.SessionStore;
import io.junction.core.check.ConfigValidator;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A kind of extension the server knows, keyed by its extension-point type. Every kind is loaded, checked,
 * catalogued, validated and printed the same way; a new kind (health checks, session stores) is one entry in
 * {@link #KNOWN}.
 *
 * @param type   the extension point, e.g. {@link BalancingStrategy}
 * @param name   what one is called in messages, e.g. "balancing strategy"
 * @param plural what a list of them is called in summaries, e.g. "strategies"
 * @param word   the DSL word that names one in scripts, e.g. "balance"
 */
record ExtensionKind<T extends JunctionExtension>(Class<T> type, String name, String plural, String word) {

    /** The extension points plugins may implement, in the order summaries print them. */
    static final List<ExtensionKind<?>> KNOWN = List.of(
            new ExtensionKind<>(BalancingStrategy.class, "balancing strategy", "strategies", ConfigValidator.BALANCE),
            new ExtensionKind<>(HealthCheck.class, "health check", "health checks", ConfigValidator.HEALTH),
            new ExtensionKind<>(SessionStore.class, "session store", "session stores", ConfigValidator.SESSIONS));

    /** The id form every kind asks for: lower-case words joined by '-'. */
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** The known kind of this extension-point type; throws for a type that is not one. */
    @SuppressWarnings("unchecked")
    static <T extends JunctionExtension> ExtensionKind<T> of(Class<T> type) {
        return (ExtensionKind<T>) KNOWN.stream().filter(kind -> kind.type == type).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + " is not a known extension kind"));
    }

    /** The extension's id, checked against the id form; throws {@link PluginRefusedException} saying why not. */
    String idOf(JunctionExtension extension) {
        String className = extension.getClass().getName();
        String id;
        try {
            id = extension.id();
        } catch (RuntimeException | LinkageError e) {
            throw new PluginRefusedException("id() of extension " + className + " failed: " + PluginRefusedException.describe(e));
        }
        if (id == null || id.isBlank()) {
            throw new PluginRefusedException("extension " + className + " has a blank " + name + " id");
        }
        if (!ID.matcher(id).matches()) {
            throw new PluginRefusedException("extension " + className + " has " + name + " id '" + id
                    + "'; ids are lower-case words joined by '-', e.g. 'least-connections'");
        }
        return id;
    }

    @Override
    public String toString() {
        return name;
    }
}
