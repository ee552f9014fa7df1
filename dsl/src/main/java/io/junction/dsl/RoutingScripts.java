package io.junction.dsl;

import io.junction.core.check.ConfigException;
import io.junction.core.check.ConfigProblem;
import io.junction.core.model.Config;
import io.junction.core.model.SourceLocation;
import io.junction.dsl.internal.GroovyRuntimeStart;
import io.junction.dsl.internal.ScriptCompiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compiles routing scripts into one {@link Config}. Problems a script can show on its own (syntax,
 * unknown words, bad values, duplicate names) are reported here, each at {@code file:line:column};
 * references between scripts are checked afterwards by {@link io.junction.core.check.ConfigValidator}.
 */
public final class RoutingScripts {

    private RoutingScripts() {
    }

    /**
     * Compiles every *.groovy in confDir, in lexical file-name order, into one Config. A folder that
     * is missing, not a folder or has no scripts is an error naming it as given.
     */
    public static Config compile(Path confDir) throws ConfigException {
        return compile(confDir, ScriptCache.none());
    }

    /** Same, with the compiled classes of unchanged scripts taken from {@code cache} (and new ones kept there). */
    public static Config compile(Path confDir, ScriptCache cache) throws ConfigException {
        if (!Files.exists(confDir)) {
            throw folderProblem(confDir, "does not exist");
        }
        if (!Files.isDirectory(confDir)) {
            throw folderProblem(confDir, "is not a folder");
        }
        LinkedHashMap<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> entries = Files.list(confDir)) {
            List<Path> scripts = entries
                    .filter(path -> path.getFileName().toString().endsWith(".groovy") && Files.isRegularFile(path))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
            for (Path script : scripts) {
                sources.put(script.getFileName().toString(), Files.readString(script, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw folderProblem(confDir, "cannot read the routing scripts: " + e);
        }
        if (sources.isEmpty()) {
            throw folderProblem(confDir, "has no *.groovy files");
        }
        return ScriptCompiler.compile(sources, confDir, cache);
    }

    /**
     * Starts the Groovy runtime the scripts run on, on a thread of its own (about a quarter of a launch's main-thread
     * CPU, docs/performance.md): a launch calls it first thing, and its first compile waits only for what is left.
     */
    public static void startRuntimeInBackground() {
        GroovyRuntimeStart.inBackground();
    }

    private static ConfigException folderProblem(Path confDir, String message) {
        return new ConfigException(List.of(new ConfigProblem(SourceLocation.of(confDir.toString()), message)));
    }

    /**
     * Same, from in-memory sources: file name -> script text (iteration order = compile order); files the scripts
     * name are read relative to the working directory.
     */
    public static Config compileSources(LinkedHashMap<String, String> sources) throws ConfigException {
        return ScriptCompiler.compile(sources, Path.of(""), ScriptCache.none());
    }
}
