package io.junction.server.plugins;

/**
 * One plugin of a {@link PluginSet}, as its manifest and file describe it.
 *
 * @param id      the manifest's {@code Plugin-Id}
 * @param version the manifest's {@code Plugin-Version}
 * @param source  the JAR's file name in its folder
 * @param builtIn whether it comes from the built-in plugins folder rather than the drop-in one
 */
public record PluginInfo(String id, String version, String source, boolean builtIn) {

    /** How messages name it: {@code plugin 'id' (file.jar)}, or {@code built-in plugin 'id' (file.jar)}. */
    public String label() {
        return what() + " '" + id + "' (" + source + ")";
    }

    @Override
    public String toString() {
        return what() + " '" + id + "' " + version + " (" + source + ")";
    }

    private String what() {
        return builtIn ? "built-in plugin" : "plugin";
    }
}
