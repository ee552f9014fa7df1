package io.junction.server.plugins;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * Reads {@code META-INF/extensions.idx} (written by PF4J's annotation processor for every {@code @Extension})
 * straight from a plugin JAR. Read from the file itself, never through a class loader: a plugin class loader
 * falls back to the application class path for a resource the plugin lacks, and a JAR URL may be served from
 * the JDK's cache of an older file with the same name.
 */
final class ExtensionIndex {

    static final String RESOURCE = "META-INF/extensions.idx";

    private ExtensionIndex() {
    }

    /** The extension class names listed in the JAR, in file order; empty when it has no index at all. */
    static Optional<List<String>> read(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            var entry = file.getJarEntry(RESOURCE);
            if (entry == null) {
                return Optional.empty();
            }
            Set<String> names = new LinkedHashSet<>();
            try (var reader = new BufferedReader(new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    line = line.strip();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        names.add(line);
                    }
                }
            }
            return Optional.of(List.copyOf(names));
        }
    }
}
