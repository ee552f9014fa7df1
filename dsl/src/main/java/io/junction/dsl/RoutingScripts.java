package io.junction.dsl;

import io.junction.core.check.ConfigException;
import io.junction.core.check.ConfigProblem;
import io.junction.core.model.Config;
import io.junction.core.model.SourceLocation;
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

    /** Compiles every *.groovy in confDir, in lexical file-name order, into one Config. */
    public static Config compile(Path confDir) throws ConfigException {
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
            throw new ConfigException(List.of(new ConfigProblem(new SourceLocation(confDir.toString(), 0, 0),
                    "cannot read the routing scripts: " + e)));
        }
        return compileSources(sources);
    }

    /** Same, from in-memory sources: file name -> script text (iteration order = compile order). */
    public static Config compileSources(LinkedHashMap<String, String> sources) throws ConfigException {
        return ScriptCompiler.compile(sources);
    }
}
