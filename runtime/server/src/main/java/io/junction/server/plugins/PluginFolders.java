package io.junction.server.plugins;

import io.junction.server.config.JunctionSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where plugin JARs are read from: the built-in plugins (shipped with the distribution, always loaded first)
 * and the drop-in folder, whose plugins add to them. Either may be {@code null} for none.
 *
 * @param builtIn the built-in plugins folder ({@code junction.plugins.builtin-dir}), or {@code null}
 * @param dropIn  the drop-in folder ({@code junction.plugins.dir}, {@code --plugins}), or {@code null}
 */
public record PluginFolders(Path builtIn, Path dropIn) {

    private static final String MISSING_FOLDER_FINGERPRINT = "none";

    public PluginFolders {
        builtIn = builtIn == null ? null : builtIn.toAbsolutePath().normalize();
        dropIn = dropIn == null ? null : dropIn.toAbsolutePath().normalize();
    }

    /** The folders the settings name; an empty {@code junction.plugins.builtin-dir} means no built-ins. */
    public static PluginFolders of(JunctionSettings settings) {
        return new PluginFolders(settings.builtinPluginsDir(), settings.pluginsDir());
    }

    /**
     * A fingerprint of the plugin files in both folders (names, sizes, modification times); cheap, no JAR is
     * opened. It differs from a loaded set's {@link PluginSet#fingerprint()} exactly when a folder has changed since.
     */
    public String fingerprint() {
        return fingerprintOf(builtIn) + "/" + fingerprintOf(dropIn);
    }

    @Override
    public String toString() {
        return "built-in " + (builtIn == null ? "(none)" : builtIn) + ", drop-in " + (dropIn == null ? "(none)" : dropIn);
    }

    private static String fingerprintOf(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) {
            return MISSING_FOLDER_FINGERPRINT;
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            for (Path file : pluginFiles(folder)) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException gone) {
                    continue;
                }
                String line = file.getFileName() + "\t" + attributes.size() + "\t" + attributes.lastModifiedTime().toMillis() + "\n";
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            digest.update(("unreadable\t" + e.getClass().getName()).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    /**
     * The plugin files directly in {@code folder}, sorted: {@code *.jar}, and {@code *.zip} so that it can be
     * refused with a reason; hidden files (a copy in progress) and subfolders are not plugins.
     */
    static List<Path> pluginFiles(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries
                    .filter(path -> {
                        String name = path.getFileName().toString();
                        String lower = name.toLowerCase(Locale.ROOT);
                        return !name.startsWith(".") && (lower.endsWith(".jar") || lower.endsWith(".zip")) && Files.isRegularFile(path);
                    })
                    .sorted()
                    .toList();
        }
    }
}
