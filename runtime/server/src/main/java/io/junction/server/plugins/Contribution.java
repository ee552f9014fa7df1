package io.junction.server.plugins;

import io.junction.api.JunctionExtension;

/** One extension a plugin contributes: its kind, its checked id and the one instance its set uses. */
record Contribution(ExtensionKind<?> kind, String id, JunctionExtension extension) {

    String className() {
        return extension.getClass().getName();
    }

    @Override
    public String toString() {
        return kind + " '" + id + "'";
    }
}
