package io.junction.server.plugins;

import java.util.Objects;

/**
 * Why a plugin (or the plugins folder itself) was not used.
 *
 * @param pluginId the plugin's id; the file name when the id could not be read; {@code null} for a problem
 *                 with the plugins folder rather than with one plugin
 * @param source   the plugin's file name, or the folder's path for a folder problem
 * @param reason   what is wrong, in words an operator can act on
 */
public record PluginProblem(String pluginId, String source, String reason) {

    public PluginProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
    }

    static PluginProblem ofFolder(String folder, String reason) {
        return new PluginProblem(null, folder, reason);
    }

    /** {@code plugin 'id' (file.jar) refused: reason}, or {@code plugins folder /path: reason}. */
    @Override
    public String toString() {
        if (pluginId == null) {
            return "plugins folder " + source + ": " + reason;
        }
        if (pluginId.equals(source)) {
            return "plugin " + source + " refused: " + reason;
        }
        return "plugin '" + pluginId + "' (" + source + ") refused: " + reason;
    }
}
