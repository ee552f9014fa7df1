package io.junction.dsl;

import groovy.lang.GroovySystem;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The compiled classes of routing scripts kept in a folder, so a launch with unchanged scripts skips the Groovy
 * parser (its first use costs about half a second of CPU, docs/performance.md). An entry is found by a hash of what
 * decides the bytecode: the script's name and text, the Groovy version and the script base class; so a changed
 * script is a miss, never a stale hit. Only scripts that compiled without an error are kept; an entry that cannot
 * be read or written is a miss, never an error. The folder is trusted like lib/: whoever can write it can run code.
 */
public final class ScriptCache {

    /** Raise when the entry layout changes. */
    private static final int FORMAT = 1;
    private static final ScriptCache NONE = new ScriptCache(null);

    private final Path folder;

    private ScriptCache(Path folder) {
        this.folder = folder;
    }

    /** A cache in {@code folder} (created when the first entry is written). */
    public static ScriptCache in(Path folder) {
        return new ScriptCache(folder);
    }

    /** No cache: every script is compiled. */
    public static ScriptCache none() {
        return NONE;
    }

    /** The classes (binary name -> bytecode, the script class first) kept for this script, if any. */
    public Optional<Map<String, byte[]>> classes(String scriptName, String text, String baseClass) {
        if (folder == null) {
            return Optional.empty();
        }
        Path entry = entry(scriptName, text, baseClass);
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        try (InputStream file = Files.newInputStream(entry); DataInputStream in = new DataInputStream(file)) {
            int count = in.readInt();
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                classes.put(name, in.readNBytes(in.readInt()));
            }
            return count > 0 ? Optional.of(classes) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();   // a torn or foreign file: compile instead
        }
    }

    /** Keeps the classes of a script that compiled; written whole or not at all (a concurrent reader never sees half). */
    public void keep(String scriptName, String text, String baseClass, Map<String, byte[]> classes) {
        if (folder == null || classes.isEmpty()) {
            return;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(classes.size());
                for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                    out.writeUTF(entry.getKey());
                    out.writeInt(entry.getValue().length);
                    out.write(entry.getValue());
                }
            }
            Files.createDirectories(folder);
            Path entry = entry(scriptName, text, baseClass);
            Path partial = Files.createTempFile(folder, entry.getFileName().toString(), ".partial");
            try {
                Files.write(partial, bytes.toByteArray());
                Files.move(partial, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException | RuntimeException e) {
            // a read-only or full disk only costs the next launch the compile
        }
    }

    private Path entry(String scriptName, String text, String baseClass) {
        String key = String.join("\u0000", String.valueOf(FORMAT), GroovySystem.getVersion(), baseClass, scriptName, text);
        return folder.resolve(sha256(key) + ".classes");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
