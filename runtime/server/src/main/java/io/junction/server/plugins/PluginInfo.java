package io.junction.server.plugins;

import java.util.List;

/**
 * One plugin of a {@link PluginSet} that loaded and started.
 *
 * @param id          the manifest's {@code Plugin-Id}
 * @param version     the manifest's {@code Plugin-Version}
 * @param source      the JAR's file name in the plugins folder
 * @param strategyIds the balancing strategy ids it provides, sorted
 */
public record PluginInfo(String id, String version, String source, List<String> strategyIds) {

    public PluginInfo {
        strategyIds = List.copyOf(strategyIds);
    }

    @Override
    public String toString() {
        return "plugin '" + id + "' " + version + " (" + source + ")" + (strategyIds.isEmpty() ? "" : ": " + String.join(", ", strategyIds));
    }
}
